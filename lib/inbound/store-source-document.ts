// Keeps a raw payload exactly as it arrived, keyed by its SHA-256: the same bytes delivered twice are one
// document. Returns the document whether this call stored it or an earlier one did.
import crypto from "node:crypto";
import type { Prisma } from "../db/generated/client.ts";
import { newId } from "../db/new-id.ts";

type Tx = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

export type SourceDocumentInput = {
  kind: string;
  sourceSystem: string;
  content: string | Buffer;
  contentType: string;
  filename?: string | null;
  format?: string | null;
  status?: "RECEIVED" | "PROCESSING" | "PROCESSED" | "QUARANTINED";
  uploadedBy?: string | null;
  correlationId?: string | null;
};

export function sha256Hex(content: string | Buffer): string {
  return crypto.createHash("sha256").update(content).digest("hex");
}

/** One statement: insert the document, or find the one already stored with these bytes. */
export async function storeSourceDocument(tx: Tx, input: SourceDocumentInput) {
  const bytes = typeof input.content === "string" ? Buffer.from(input.content, "utf8") : input.content;
  const sha256 = sha256Hex(bytes);
  const [doc] = await tx.$queryRawUnsafe<{ id: string; sha256: string; status: "RECEIVED" | "PROCESSING" | "PROCESSED" | "QUARANTINED"; entriesParsed: number; entriesStored: number; created: boolean }[]>(`
    with ins as (
      insert into "SourceDocument" (id, kind, "sourceSystem", sha256, filename, "contentType", "byteSize", content, format, status, "uploadedBy", "correlationId", "receivedAt")
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::"DocumentStatus", $11, $12, (now() at time zone 'UTC'))
      on conflict (sha256) do nothing
      returning id, sha256, status::text as status, "entriesParsed", "entriesStored", true as created)
    select * from ins
    union all
    select id, sha256, status::text, "entriesParsed", "entriesStored", false from "SourceDocument" where sha256 = $4 and not exists (select 1 from ins)`,
    newId(), input.kind, input.sourceSystem, sha256, input.filename ?? null, input.contentType, bytes.length, bytes, input.format ?? null,
    input.status ?? "RECEIVED", input.uploadedBy ?? null, input.correlationId ?? null);
  if (doc) return doc;
  // A concurrent delivery of the same bytes committed after this statement's snapshot: read it now.
  const [other] = await tx.$queryRawUnsafe<NonNullable<typeof doc>[]>(
    `select id, sha256, status::text as status, "entriesParsed", "entriesStored", false as created from "SourceDocument" where sha256 = $1`, sha256);
  return other!;
}
