// Request and answer shapes of the ERP-sync operations (zod: validation, types and OpenAPI from one schema).
import { z } from "zod";

export const erpSyncBody = z.object({
  entity: z.string().trim().min(1).max(20).optional().describe("legal entity code; default every entity"),
});
export const erpSyncResponse = z.object({
  requested: z.array(z.object({ entity: z.string(), jobId: z.string().nullable().describe("null: a sync of this entity is already queued") })),
});

export const resolveErpDriftBody = z.object({
  action: z.enum(["accept", "adopt"]).describe("accept: the difference stands, with a reason (the case stays closed for these two figures); adopt: Cashline takes the ERP's figure as the invoice's open amount"),
  reason: z.string().trim().min(10, "say why in at least 10 characters").max(2000),
  caseVersion: z.number().int().min(0).optional().describe("the case version you saw; refused with 409 when the case changed since"),
});
