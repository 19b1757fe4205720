// The one way a remittance advice comes in, whatever the channel (upload, API, drop folder, e-mail, IMAP): keep the
// raw bytes as a SourceDocument by SHA-256, parse, store the advices (natural key: the same file twice adds
// nothing), link each to its receipt or leave it waiting for the payment, and queue the re-decision of a payment
// in exception — all in one transaction with the audit row of a person's upload. A file that cannot be read is
// refused whole (RemittanceParseError names file, place and problem) and nothing is stored.
import crypto from "node:crypto";
import { z } from "zod";
import { db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { getBoss } from "../jobs/boss.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { parseRemittanceAsync } from "./parse-remittance.ts";
import { RemittanceParseError, type RemittanceFormat } from "./types.ts";
import { storeAdvices } from "./store-advices.ts";
import { savedColumnMapping } from "./saved-column-mapping.ts";
import { findReceiptForAdvice } from "./link-advice-to-receipt.ts";
import { attachAdvice } from "./attach-advice.ts";

export const REMITTANCE_CHANNELS = ["upload", "api", "drop_folder", "email", "imap"] as const;
export type RemittanceChannel = (typeof REMITTANCE_CHANNELS)[number];
export type RemittanceSender =
  | { kind: "user"; userId: string; label: string }
  | { kind: "api_key"; keyId: string; label: string }
  | { kind: "system"; label: string };

export const ingestRemittanceResponse = z.object({
  documentId: z.string(), sha256: z.string(), format: z.string(),
  duplicate: z.boolean().describe("true: these exact bytes were received before"),
  advices: z.array(z.object({
    id: z.string(), paymentReference: z.string(), status: z.string(), receiptId: z.string().nullable(), customerId: z.string().nullable(),
    created: z.boolean().describe("false: the advice was known already (natural key) and nothing was added"),
    redecisionQueued: z.boolean(),
  })),
});
export type IngestRemittanceResult = z.infer<typeof ingestRemittanceResponse>;

export type IngestRemittanceInput = {
  content: Uint8Array; filename: string | null; contentType: string | null; channel: RemittanceChannel; sender: RemittanceSender;
  format?: RemittanceFormat | "auto"; senderEmail?: string | null; customerId?: string | null; requestId?: string | null; ip?: string | null;
};
type Tx = Prisma.TransactionClient;
export type ParsedRemittanceFile = Awaited<ReturnType<typeof parseRemittanceAsync>>;

export async function ingestRemittance(input: IngestRemittanceInput): Promise<IngestRemittanceResult> {
  const parsed = await parseRemittanceFile(input);
  const correlationId = newCorrelationId();
  await getBoss(); // the re-decision job is enqueued inside the transaction: start pg-boss before taking locks
  return db.$transaction((tx) => storeRemittanceFile(tx, input, parsed, correlationId), { timeout: 30_000, maxWait: 15_000 });
}

/** Reads the file; a RemittanceParseError names the file as well as the place (line, segment, column) and the problem. */
export async function parseRemittanceFile(input: Pick<IngestRemittanceInput, "content" | "filename" | "format" | "customerId" | "senderEmail">): Promise<ParsedRemittanceFile> {
  // A customer's spreadsheet is read with the mapping an analyst confirmed for that customer, else guessed.
  const mapping = await savedColumnMapping({ customerId: input.customerId, senderEmail: input.senderEmail });
  try {
    return await parseRemittanceAsync(input.content, { format: input.format ?? "auto", fileName: input.filename ?? undefined, customerSheets: true, ...(mapping ? { mapping } : {}) });
  } catch (e) {
    if (e instanceof RemittanceParseError && input.filename) throw new RemittanceParseError(`${input.filename} ${e.where}`, e.problem);
    throw e;
  }
}

/**
 * Stores a parsed file inside the caller's transaction (an e-mail takes all its attachments in one): document,
 * advices, links, re-decisions, audit row. pg-boss must be started (getBoss) before the transaction.
 */
export async function storeRemittanceFile(tx: Tx, input: IngestRemittanceInput, parsed: ParsedRemittanceFile, correlationId: string): Promise<IngestRemittanceResult> {
  const sha256 = crypto.createHash("sha256").update(input.content).digest("hex");
  const known = await tx.sourceDocument.findUnique({ where: { sha256 }, select: { id: true } });
  const doc = known ?? await tx.sourceDocument.create({
    data: {
      kind: "remittance_advice", sourceSystem: input.channel, sha256, filename: input.filename, contentType: input.contentType ?? "application/octet-stream",
      byteSize: input.content.length, content: Buffer.from(input.content), format: parsed.format, status: "PROCESSED", processedAt: new Date(),
      entriesParsed: parsed.advices.length, uploadedBy: input.sender.label, uploadedById: input.sender.kind === "user" ? input.sender.userId : null, correlationId,
    },
    select: { id: true },
  });
  const stored = await storeAdvices(tx, { documentId: doc.id, channel: input.channel, format: parsed.format, advices: parsed.advices, senderEmail: input.senderEmail ?? null, customerId: input.customerId ?? null });
  const actor = input.sender.kind === "user" ? { type: "user" as const, id: input.sender.userId } : input.sender.kind === "api_key" ? { type: "api_key" as const, id: input.sender.keyId } : { type: "system" as const, id: null };
  const advices: IngestRemittanceResult["advices"] = [];
  for (const [i, a] of stored.entries()) {
    let { status, receiptId } = a;
    let redecisionQueued = false;
    // A low-confidence extraction (a PDF or spreadsheet read by position or guessed columns) is not linked or used
    // until an analyst confirms it.
    if (a.created && parsed.advices[i]?.extraction?.needsReview) {
      await tx.remittanceAdvice.update({ where: { id: a.id }, data: { status: "NEEDS_REVIEW" } });
      status = "NEEDS_REVIEW";
    } else if (a.created) {
      const found = await findReceiptForAdvice(tx, a);
      if (found && "receipt" in found) {
        redecisionQueued = (await attachAdvice(tx, { advice: a, receiptId: found.receipt.id, finding: found.finding, correlationId, actor })).redecide;
        status = "LINKED";
        receiptId = found.receipt.id;
      } else {
        const next = found ? "NEEDS_REVIEW" as const : "WAITING_FOR_PAYMENT" as const;
        await tx.remittanceAdvice.update({ where: { id: a.id }, data: { status: next } });
        status = next;
      }
    }
    advices.push({ id: a.id, paymentReference: a.paymentReference, status, receiptId, customerId: a.customerId, created: a.created, redecisionQueued });
  }
  if (!known) await tx.sourceDocument.update({ where: { id: doc.id }, data: { entriesStored: stored.filter((s) => s.created).length } });
  if (input.sender.kind === "user") {
    await writeAudit({
      actorType: "user", actorId: input.sender.userId, actorLabel: input.sender.label, action: known ? "remittance.uploaded_duplicate" : "remittance.uploaded",
      targetType: "SourceDocument", targetId: doc.id, details: { filename: input.filename, sha256, advices: advices.map((x) => x.id) },
      ip: input.ip ?? null, requestId: input.requestId ?? null,
    }, tx);
  }
  return { documentId: doc.id, sha256, format: parsed.format, duplicate: !!known, advices };
}
