// The invoice timeline's answer (no database import: the API registry and the browser read it).
import { z } from "zod";

export const invoiceTimelineSchema = z.object({
  invoice: z.object({
    id: z.string(), number: z.string(), entity: z.string(), customer: z.string(), currency: z.string(), amount: z.string(), open: z.string(), status: z.string(),
    sourceSystem: z.string(), erpDocumentId: z.string().nullable(), erpDocumentNumber: z.string().nullable(), erpOpen: z.string().nullable(),
    erpLastUpdatedAt: z.string().nullable(), erpSyncedAt: z.string().nullable(), erpPublishedAt: z.string().nullable(),
  }),
  steps: z.array(z.object({ id: z.string(), type: z.string(), at: z.string(), sourceSystem: z.string(), receiptId: z.string().nullable(), exceptionCode: z.string().nullable(), payload: z.unknown() })),
  cases: z.array(z.object({ id: z.string(), code: z.string(), status: z.string(), createdAt: z.string(), resolution: z.string().nullable() })),
});
export type InvoiceTimeline = z.infer<typeof invoiceTimelineSchema>;
