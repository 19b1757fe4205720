// Writes one batch of statement lines inside the file's transaction, in a few statements whatever the batch size:
//   1. the BankTransactions, ON CONFLICT (naturalKey) DO NOTHING: a line an overlapping statement already brought
//      is skipped, and only the lines really inserted go on;
//   2. new credits the processor connector recognises as its payouts are that payout, not a receipt;
//   3. a Receipt per other new credit and its `payment.received` WorkflowEvent, in one statement;
//   4. the cash-application hook, once for the batch.
// Rows travel column-wise, one text[] parameter per column (unnest): one round trip, no per-row parameters.
import type { Prisma } from "../db/generated/client.ts";
import { column } from "../db/pg-array.ts";
import { afterReceiptsCreated } from "../receipts/after-receipts-created.ts";
import type { Channel, LineKind } from "./classify-entry.ts";
import { recognizeSpecialCredits } from "./recognize-special-credits.ts";

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

export type BatchContext = { documentId: string; correlationId: string };

export const receiptNaturalKey = (lineKey: string) => `bank:${lineKey}`;

export async function storeLineBatch(tx: Prisma.TransactionClient, rows: LineRow[], ctx: BatchContext): Promise<{ newLines: LineRow[]; receiptIds: string[] }> {
  if (rows.length === 0) return { newLines: [], receiptIds: [] };
  const inserted = await tx.$queryRawUnsafe<{ id: string }[]>(`
    insert into "BankTransaction" (id, "bankAccountId", "statementId", "naturalKey", "amountMinor", currency, "valueDate", "bookingDate",
      type, "bankReference", "customerReference", "counterpartyName", "counterpartyAccount", remittance, "receiptId")
    select id, account, statement, key, amount::bigint, currency, value_date::date, booking_date::date, type, ref, customer_ref, party, party_account,
      remittance, receipt
    from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
      $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
      as t(id, account, statement, key, amount, currency, value_date, booking_date, type, ref, customer_ref, party, party_account, remittance, receipt)
    on conflict ("naturalKey") do nothing
    returning id`,
    column(rows, (r) => r.id), column(rows, (r) => r.bankAccountId), column(rows, (r) => r.statementId), column(rows, (r) => r.naturalKey),
    column(rows, (r) => r.amountMinor), column(rows, (r) => r.currency), column(rows, (r) => r.valueDate), column(rows, (r) => r.bookingDate),
    column(rows, (r) => r.type), column(rows, (r) => r.bankReference), column(rows, (r) => r.customerReference), column(rows, (r) => r.counterpartyName),
    column(rows, (r) => r.counterpartyAccount), column(rows, (r) => r.remittance), column(rows, (r) => r.receiptId));
  const insertedIds = new Set(inserted.map((r) => r.id));
  const newLines = rows.filter((r) => insertedIds.has(r.id));

  const credits = newLines.filter((r) => r.receiptId !== null);
  const payouts = await recognizeSpecialCredits(tx, credits);
  if (payouts.size > 0) {
    await tx.bankTransaction.updateMany({ where: { id: { in: [...payouts] } }, data: { receiptId: null } });
    for (const r of credits) if (payouts.has(r.id)) r.receiptId = null;
  }
  const receiptIds = await insertReceipts(tx, credits.filter((r) => r.receiptId !== null), ctx);
  if (receiptIds.length > 0) await afterReceiptsCreated(tx, receiptIds, ctx.correlationId);
  return { newLines, receiptIds };
}

async function insertReceipts(tx: Prisma.TransactionClient, lines: LineRow[], ctx: BatchContext): Promise<string[]> {
  if (lines.length === 0) return [];
  // receivedAt is when the line was stored (clock_timestamp, not the transaction's start): latency starts there.
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
  if (created.length < lines.length) await relinkExistingReceipts(tx, lines, new Set(created.map((r) => r.id)));
  return created.map((r) => r.id);
}

/** A receipt with the line's natural key already existed (only if the key was used before the line was stored): link the line to it. */
async function relinkExistingReceipts(tx: Prisma.TransactionClient, lines: LineRow[], createdIds: Set<string>) {
  const missing = lines.filter((l) => !createdIds.has(l.receiptId!));
  const existing = await tx.receipt.findMany({ where: { naturalKey: { in: missing.map((l) => receiptNaturalKey(l.naturalKey)) } }, select: { id: true, naturalKey: true } });
  const byKey = new Map(existing.map((r) => [r.naturalKey, r.id]));
  for (const l of missing) l.receiptId = byKey.get(receiptNaturalKey(l.naturalKey)) ?? null;
  await tx.$executeRawUnsafe(`update "BankTransaction" b set "receiptId" = t.receipt from unnest($1::text[], $2::text[]) as t(line, receipt) where b.id = t.line`,
    column(missing, (l) => l.id), column(missing, (l) => l.receiptId));
}
