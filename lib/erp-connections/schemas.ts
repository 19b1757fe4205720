// The ERP-connection API's shapes (one zod schema per shape: validation, types and OpenAPI). Credentials go in,
// never out: a row says only whether they are set, their field names, a fingerprint and when.
import { z } from "zod";
import { ERP_KINDS } from "../erp/adapter.ts";

export const erpConnectionParams = z.object({ entity: z.string().trim().min(1).max(32).describe("legal entity code, e.g. US01") });

const credentials = z.record(
  z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "credential field names are letters, digits and _ (at most 64)"),
  z.string().min(1, "a credential value may not be empty").max(8192),
).refine((c) => Object.keys(c).length <= 16, "at most 16 credential fields")
  .describe("the kind's credential fields, e.g. SAP {clientId, clientSecret, tokenUrl}; write-only: never returned");

export const putErpConnectionBody = z.object({
  kind: z.enum(ERP_KINDS),
  baseUrl: z.string().trim().url().max(2000).describe("the ERP's API base URL (https; http only where ERP_ALLOW_HTTP allows)"),
  credentials: credentials.optional().describe("omitted: keep the credentials already set (only while the kind stays the same)"),
  reason: z.string().trim().max(500).optional(),
});
export type PutErpConnectionBody = z.infer<typeof putErpConnectionBody>;

export const rotateErpCredentialsBody = z.object({ credentials, reason: z.string().trim().max(500).optional() });

export const erpConnectionView = z.object({
  kind: z.enum(ERP_KINDS),
  baseUrl: z.string(),
  credentials: z.object({
    set: z.boolean(), fields: z.array(z.string()), fingerprint: z.string().nullable(), setAt: z.string().nullable(),
    sealedWithCurrentKey: z.boolean().describe("false until the worker reseals them after a CASHLINE_ENCRYPTION_KEY rotation"),
  }),
  lastTest: z.object({ ok: z.boolean(), at: z.string(), detail: z.string().nullable() }).nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});

export const erpConnectionRow = z.object({
  entityId: z.string(), entityCode: z.string(), entityName: z.string(),
  connection: erpConnectionView.nullable().describe("null: the entity posts to ERP_URL as Oracle"),
  effective: z.object({ kind: z.enum(ERP_KINDS), baseUrl: z.string(), source: z.enum(["connection", "ERP_URL"]) }),
});
export const listErpConnectionsResponse = z.object({ kinds: z.array(z.enum(ERP_KINDS)).describe("kinds with an adapter registered"), items: z.array(erpConnectionRow) });
export const testErpConnectionResponse = z.object({ ok: z.boolean(), detail: z.string(), at: z.string() });
