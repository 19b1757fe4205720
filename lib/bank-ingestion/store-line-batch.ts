// Writes one batch of statement lines inside the file's transaction, in a handful of statements whatever its size:
//   1. the bulk part (line-batch-copy.ts): with what is already stored (looked up beforehand, on another
//      connection), COPY of the new lines, a Receipt per new ordinary credit and its `payment.received` event;
//   2. credits that may be a processor payout (their text names a payout id or says STRIPE: rare) are asked about
//      once their line is known to be new; a payout keeps no receipt, the others get theirs here.
// The new receipts' cash-application jobs are the caller's (file-ingestion.ts sends a file's in one insert).
// Overlapping statements (MT942 then MT940, a camt.053 sent twice) store each line — and make each receipt — once.
import type { Prisma } from "../db/generated/client.ts";
import { column } from "../db/pg-array.ts";
import type { TransactionConnection } from "../db/transaction-connection.ts";
import type { Channel, LineKind } from "./classify-entry.ts";
import { IngestTiming } from "./ingest-timing.ts";
import { copyLineBatch, receiptNaturalKey, type PreparedBatch, type StoredKeys } from "./line-batch-copy.ts";
import { recognizeSpecialCredits } from "./recognize-special-credits.ts";

export { lookUpStoredKeys, prepareLineBatch, receiptNaturalKey, type PreparedBatch } from "./line-batch-copy.ts";

export type LineRow = {
  id: string;
  statementId: string;
  bankAccountId: string;
  entityId: string;
  currency: string;
  naturalKey: string;
  amountMinor: bigint;
  valueDate: string;
  bookingDate: string | null;
  type: string | null;
  bankReference: string | null;
  customerReference: string | null;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  remittance: string | null;
  kind: LineKind;
  channel: Channel;
  reasonCode: string | null;
  /** Pre-assigned for a credit that will become a receipt (cleared if it turns out to be a payout). */
  receiptId: string | null;
};

export type BatchContext = { documentId: string; correlationId: string; timing?: IngestTiming };

/** `lookup`: lookUpStoredKeys of this batch; `fileKeys`: the line keys this file stored so far (see line-batch-copy.ts). */
export async function storeLineBatch(
  tx: Prisma.TransactionClient, conn: TransactionConnection, batch: PreparedBatch, lookup: Promise<StoredKeys>, fileKeys: Set<string>,
  ctx: BatchContext,
): Promise<{ newLines: LineRow[]; receiptIds: string[] }> {
  if (batch.rows.length === 0) return { newLines: [], receiptIds: [] };
  const timing = ctx.timing ?? new IngestTiming();
  const { newLines, receiptIds } = await copyLineBatch(conn, batch, lookup, fileKeys, (kind, fn) => timing.time(kind, fn));
  const isNew = new Set(newLines);
  const candidates = batch.maybeSpecial.filter((r) => isNew.has(r));
  if (candidates.length > 0) receiptIds.push(...(await timing.time("payout candidates", () => storeMaybeSpecialCredits(tx, candidates, ctx))));
  return { newLines, receiptIds };
}

/** New credits that may be processor payouts: a recognised payout keeps no receipt; the others get theirs now. */
async function storeMaybeSpecialCredits(tx: Prisma.TransactionClient, credits: LineRow[], ctx: BatchContext): Promise<string[]> {
  const payouts = await recognizeSpecialCredits(tx, credits);
  if (payouts.size > 0) {
    await tx.bankTransaction.updateMany({ where: { id: { in: [...payouts] } }, data: { receiptId: null } });
    for (const r of credits) if (payouts.has(r.id)) r.receiptId = null;
  }
  return insertReceipts(tx, credits.filter((r) => r.receiptId !== null), ctx);
}

async function insertReceipts(tx: Prisma.TransactionClient, lines: LineRow[], ctx: BatchContext): Promise<string[]> {
  if (lines.length === 0) return [];
  const created = await tx.$queryRawUnsafe<{ id: string }[]>(`
    with receipt as (
      insert into "Receipt" (id, "entityId", "bankAccountId", currency, "amountMinor", "unappliedMinor", "valueDate", channel, "payerName",
        "payerAccount", remittance, "bankReference", "naturalKey", "sourceSystem", "sourceId", "receivedAt", "stateChangedAt", "documentId",
        "correlationId", "updatedAt")
      select id, entity, account, currency, amount::bigint, amount::bigint, value_date::date, channel::"Channel", payer, payer_account, remittance, ref,
        natural_key, 'bank', line_key, clock_timestamp(), clock_timestamp(), $14, $15, clock_timestamp()
      from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
        $12::text[], $13::text[])
        as t(id, entity, account, currency, amount, value_date, channel, payer, payer_account, remittance, ref, natural_key, line_key)
      on conflict ("naturalKey") do nothing
      returning id, "entityId", "bankAccountId", currency, "amountMinor", "valueDate", channel, "bankReference", "naturalKey", "sourceId", "receivedAt"
    ), event as (
      insert into "WorkflowEvent" (type, "receiptId", "entityId", "businessKeys", "sourceSystem", "sourceId", "correlationId", "toState",
        payload, "occurredAt", "recordedAt")
      select 'payment.received', r.id, r."entityId",
        jsonb_build_object('bankAccountId', r."bankAccountId", 'bankReference', r."bankReference", 'lineKey', r."sourceId"),
        'bank', r."naturalKey", $15, 'RECEIVED',
        jsonb_build_object('amountMinor', r."amountMinor"::text, 'currency', r.currency, 'channel', r.channel, 'documentId', $14::text,
          'valueDate', r."valueDate"::text),
        r."valueDate"::timestamp, r."receivedAt"
      from receipt r
      on conflict do nothing
    )
    select id from receipt`,
    column(lines, (l) => l.receiptId), column(lines, (l) => l.entityId), column(lines, (l) => l.bankAccountId), column(lines, (l) => l.currency),
    column(lines, (l) => l.amountMinor), column(lines, (l) => l.valueDate), column(lines, (l) => l.channel), column(lines, (l) => l.counterpartyName),
    column(lines, (l) => l.counterpartyAccount), column(lines, (l) => l.remittance), column(lines, (l) => l.bankReference),
    column(lines, (l) => receiptNaturalKey(l.naturalKey)), column(lines, (l) => l.naturalKey), ctx.documentId, ctx.correlationId);
  const createdIds = new Set(created.map((r) => r.id));
  const notCreated = lines.filter((l) => !createdIds.has(l.receiptId!));
  if (notCreated.length > 0) await relinkExistingReceipts(tx, notCreated);
  return created.map((r) => r.id);
}

/** Lines whose receipt was not created because a receipt with its natural key exists: point them at that one. */
async function relinkExistingReceipts(tx: Prisma.TransactionClient, missing: LineRow[]) {
  const existing = await tx.receipt.findMany({ where: { naturalKey: { in: missing.map((l) => receiptNaturalKey(l.naturalKey)) } }, select: { id: true, naturalKey: true } });
  const byKey = new Map(existing.map((r) => [r.naturalKey, r.id]));
  for (const l of missing) l.receiptId = byKey.get(receiptNaturalKey(l.naturalKey)) ?? null;
  await tx.$executeRawUnsafe(`update "BankTransaction" b set "receiptId" = t.receipt from unnest($1::text[], $2::text[]) as t(line, receipt) where b.id = t.line`,
    column(missing, (l) => l.id), column(missing, (l) => l.receiptId));
}

