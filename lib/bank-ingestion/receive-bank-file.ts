// A bank file arrives (upload, API, drop folder): keep the raw bytes as a SourceDocument keyed by SHA-256 and
// queue its ingestion (and audit a person's upload), in one transaction: the job exists iff the document does.
// The same bytes again answer with the first document: nothing is stored or queued twice. Parsing happens in
// the worker, so this is fast.
import crypto from "node:crypto";
import type { PoolClient } from "pg";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit.ts";
import type { Prisma } from "../db/generated/client.ts";
import { newId } from "../db/new-id.ts";
import { withPgTransaction } from "../db/pg-pool.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { ingestBankFileJob } from "./ingest-bank-file-job-spec.ts";

export const receiveBankFileResponse = z.object({
  id: z.string().describe("the SourceDocument id; GET /api/v1/bank-statements/{id} follows its processing"),
  sha256: z.string(),
  status: z.enum(["RECEIVED", "PROCESSING", "PROCESSED", "QUARANTINED"]),
  duplicate: z.boolean().describe("true: these exact bytes were received before; the answer is that earlier document"),
});
export type ReceiveBankFileResult = z.infer<typeof receiveBankFileResponse>;

export type BankFileSender =
  | { kind: "user"; userId: string; label: string }
  | { kind: "api_key"; keyId: string; label: string }
  | { kind: "system"; label: string };

export async function receiveBankFile(input: {
  content: Buffer;
  filename: string | null;
  contentType: string | null;
  sender: BankFileSender;
  requestId?: string | null;
  ip?: string | null;
  /** The drop folder ingests in the poller itself; uploads leave it to the worker. */
  queueJob?: boolean;
}): Promise<ReceiveBankFileResult> {
  const correlationId = newCorrelationId();
  const sha256 = crypto.createHash("sha256").update(input.content).digest("hex");
  // node-postgres, not Prisma: the file goes to PostgreSQL as the Buffer it is (Prisma would hold ~7 copies).
  return withPgTransaction(async (client) => {
    const inserted = await client.query<{ id: string; status: DocumentStatus }>(`
      insert into "SourceDocument" (id, kind, "sourceSystem", sha256, filename, "contentType", "byteSize", content, "uploadedBy", "correlationId", "uploadedById")
      values ($1, 'bank_statement', 'bank', $2, $3, $4, $5, $6, $7, $8, $9)
      on conflict (sha256) do nothing
      returning id, status`,
      [newId(), sha256, input.filename, input.contentType ?? "application/octet-stream", input.content.length, input.content, input.sender.label, correlationId,
       // A person's upload is "manual": separation of duties keeps them from applying the cash it creates.
       input.sender.kind === "user" ? input.sender.userId : null]);
    const created = inserted.rowCount === 1;
    const doc = created ? inserted.rows[0]! : (await client.query<{ id: string; status: DocumentStatus }>(`select id, status from "SourceDocument" where sha256 = $1`, [sha256])).rows[0]!;
    const db = { executeSql: async (text: string, values?: unknown[]) => ({ rows: (await client.query(text, values)).rows }) };
    if (created && input.queueJob !== false) await enqueue(ingestBankFileJob, { documentId: doc.id }, { correlationId, db });
    if (input.sender.kind === "user") {
      await writeAudit({
        actorType: "user", actorId: input.sender.userId, actorLabel: input.sender.label, action: created ? "bank_file.uploaded" : "bank_file.uploaded_duplicate",
        targetType: "SourceDocument", targetId: doc.id, details: { filename: input.filename, sha256, byteSize: input.content.length },
        ip: input.ip ?? null, requestId: input.requestId ?? null,
      }, auditOn(client));
    }
    return { id: doc.id, sha256, status: doc.status, duplicate: !created };
  });
}

type DocumentStatus = ReceiveBankFileResult["status"];

/** writeAudit's row, written on this node-postgres transaction. */
function auditOn(client: PoolClient) {
  return {
    auditLog: {
      create: async ({ data }: { data: Prisma.AuditLogCreateInput }) => client.query(
        `insert into "AuditLog" ("actorType", "actorId", "actorLabel", action, "targetType", "targetId", details, ip, "requestId") values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [data.actorType, data.actorId ?? null, data.actorLabel ?? null, data.action, data.targetType ?? null, data.targetId ?? null, JSON.stringify(data.details ?? {}), data.ip ?? null, data.requestId ?? null],
      ),
    },
  };
}
