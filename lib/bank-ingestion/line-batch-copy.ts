// The bulk part of a batch of statement lines, with COPY (the cheapest way into PostgreSQL; see lib/db/copy-rows.ts):
//   1. lookUpStoredKeys: what is already stored — lines and receipts by natural key — on another connection,
//      while the file's transaction is still writing the previous batch;
//   2. copyLineBatch, in the file's transaction: COPY of the new lines (not stored before, nor earlier in this
//      file), of a receipt per new ordinary credit, and of each receipt's `payment.received` event.
// COPY has no ON CONFLICT, so idempotency is that lookup plus the unique natural keys as the backstop. The lookup
// is exact because nothing else can add these rows meanwhile: a line's key starts with its bank account, the file
// holds its accounts' advisory locks (file-ingestion.ts) from before its first lookup to its commit, and receipts
// and events keyed `bank:<line key>` are only ever made by bank ingestion. (Were that ever broken, a duplicate
// would fail the file's transaction on the unique key and the job would retry — it could not store a line twice.)
// A receipt's event is made with it and receipts are never deleted, so a new receipt has no event yet. The COPY
// text is made by prepareLineBatch, also while the previous batch is being written.
import type pg from "pg";
import type { TransactionConnection } from "../db/transaction-connection.ts";
import { copyInto, copyLine } from "../db/copy-rows.ts";
import { textArray } from "../db/pg-array.ts";
import { mayBeSpecialCredit } from "./recognize-special-credits.ts";
import type { LineRow } from "./store-line-batch.ts";

export const RECEIPT_KEY_PREFIX = "bank:";
export const receiptNaturalKey = (lineKey: string) => `${RECEIPT_KEY_PREFIX}${lineKey}`;

const LINE_COLUMNS = ["id", "bankAccountId", "statementId", "naturalKey", "amountMinor", "currency", "valueDate", "bookingDate", "type", "bankReference",
  "customerReference", "counterpartyName", "counterpartyAccount", "remittance", "receiptId"];
// The clock columns last: their value is only known once the batch is stored.
const RECEIPT_COLUMNS = ["id", "entityId", "bankAccountId", "currency", "amountMinor", "unappliedMinor", "valueDate", "channel", "payerName", "payerAccount",
  "remittance", "bankReference", "naturalKey", "sourceSystem", "sourceId", "documentId", "correlationId", "receivedAt", "stateChangedAt", "updatedAt"];
const EVENT_COLUMNS = ["type", "receiptId", "entityId", "businessKeys", "sourceSystem", "sourceId", "correlationId", "toState", "payload", "occurredAt",
  "recordedAt"];

type Credit = { row: LineRow; receipt: string; event: string };

/** A batch with its COPY text and lookup parameters made up front. */
export type PreparedBatch = {
  rows: LineRow[];
  lineText: string[];
  /** Ordinary credits: a receipt and its event each, without the clock columns. */
  credits: Credit[];
  /** Credits that may be processor payouts: asked about once their line is known to be new (store-line-batch.ts). */
  maybeSpecial: LineRow[];
  lineKeys: string;
  receiptKeys: string;
};

const withoutNewline = (line: string) => line.slice(0, -1);

export const lineCopyText = (r: LineRow) => copyLine([r.id, r.bankAccountId, r.statementId, r.naturalKey, r.amountMinor.toString(), r.currency, r.valueDate,
  r.bookingDate, r.type, r.bankReference, r.customerReference, r.counterpartyName, r.counterpartyAccount, r.remittance, r.receiptId]);

export function prepareLineBatch(rows: LineRow[], ctx: { documentId: string; correlationId: string }): PreparedBatch {
  const credits: Credit[] = [];
  const maybeSpecial: LineRow[] = [];
  for (const r of rows) {
    if (r.receiptId === null) continue;
    if (mayBeSpecialCredit(r)) {
      maybeSpecial.push(r);
      continue;
    }
    const amount = r.amountMinor.toString();
    const key = receiptNaturalKey(r.naturalKey);
    credits.push({
      row: r,
      receipt: withoutNewline(copyLine([r.receiptId, r.entityId, r.bankAccountId, r.currency, amount, amount, r.valueDate, r.channel, r.counterpartyName,
        r.counterpartyAccount, r.remittance, r.bankReference, key, "bank", r.naturalKey, ctx.documentId, ctx.correlationId])),
      event: withoutNewline(copyLine(["payment.received", r.receiptId, r.entityId,
        JSON.stringify({ bankAccountId: r.bankAccountId, bankReference: r.bankReference, lineKey: r.naturalKey }), "bank", key, ctx.correlationId, "RECEIVED",
        JSON.stringify({ amountMinor: amount, currency: r.currency, channel: r.channel, documentId: ctx.documentId, valueDate: r.valueDate }), r.valueDate])),
    });
  }
  return {
    rows, lineText: rows.map(lineCopyText), credits, maybeSpecial,
    lineKeys: textArray(rows.map((r) => r.naturalKey)), receiptKeys: textArray(credits.map((c) => receiptNaturalKey(c.row.naturalKey))),
  };
}

// One unique-index probe per key (LATERAL … LIMIT 1): with thousands of keys `= any(array)` is easily planned as
// a sequential scan. The clock is clock_timestamp() as an INSERT would store it into a timestamp column.
const STORED_SQL = `
  select 0 as kind, k.key, null as id from unnest($1::text[]) as k(key)
    cross join lateral (select 1 from "BankTransaction" b where b."naturalKey" = k.key limit 1) as found
  union all select 1, k.key, r.id from unnest($2::text[]) as k(key)
    cross join lateral (select r.id from "Receipt" r where r."naturalKey" = k.key limit 1) as r
  union all select 2, clock_timestamp()::timestamp(3)::text, null`;

/** What other transactions stored (committed) of a batch's keys, and the database clock when it was asked. */
export type StoredKeys = { lines: Set<string>; receipts: Map<string, string>; clock: string; askedAt: number };

/**
 * Looks a prepared batch's keys up on ANOTHER connection (`pool`), so it runs while the file's transaction is still
 * writing the previous batch. It sees committed rows only: the file's own earlier lines are `fileKeys` in
 * copyLineBatch. Call it only once the file holds the advisory lock of every account in the batch: from then on
 * no other transaction can commit lines (or `bank:` receipts) with these keys until this file's transaction ends.
 */
export async function lookUpStoredKeys(pool: Pick<pg.Pool, "query">, batch: PreparedBatch): Promise<StoredKeys> {
  const { rows } = await pool.query<{ kind: number; key: string; id: string | null }>(STORED_SQL, [batch.lineKeys, batch.receiptKeys]);
  const stored: StoredKeys = { lines: new Set(), receipts: new Map(), clock: "", askedAt: Date.now() };
  for (const k of rows) {
    if (k.kind === 0) stored.lines.add(k.key);
    else if (k.kind === 1) stored.receipts.set(k.key, k.id!);
    else stored.clock = k.key;
  }
  return stored;
}

/** The database clock of the lookup moved on by the time elapsed since (same text form: the column's local time). */
function clockNow(stored: StoredKeys): string {
  const at = Date.parse(`${stored.clock.replace(" ", "T")}Z`) + (Date.now() - stored.askedAt);
  return new Date(at).toISOString().slice(0, 23);
}

export type CopiedBatch = { newLines: LineRow[]; receiptIds: string[] };

type Timed = <T>(kind: string, fn: () => Promise<T>) => Promise<T>;

/** COPY a batch's new rows. `fileKeys`: the line keys this file stored so far (updated here). */
export async function copyLineBatch(
  conn: TransactionConnection, batch: PreparedBatch, lookup: Promise<StoredKeys>, fileKeys: Set<string>, time: Timed,
): Promise<CopiedBatch> {
  const stored = await time("known keys (wait)", () => lookup);
  const now = clockNow(stored);
  // New lines: stored neither before this file nor by it (an overlap inside one file), first of the batch with their key.
  const isNew = new Set<LineRow>();
  for (const r of batch.rows) {
    if (stored.lines.has(r.naturalKey) || fileKeys.has(r.naturalKey)) continue;
    fileKeys.add(r.naturalKey);
    isNew.add(r);
  }
  const relinked = new Set<LineRow>();
  let receipts = "";
  let events = "";
  const receiptIds: string[] = [];
  for (const c of batch.credits) {
    if (!isNew.has(c.row)) continue;
    const existing = stored.receipts.get(receiptNaturalKey(c.row.naturalKey));
    if (existing) {
      // Its receipt already exists (only if the key was used before the line was stored): the line points at it.
      c.row.receiptId = existing;
      relinked.add(c.row);
      continue;
    }
    receipts += `${c.receipt}\t${now}\t${now}\t${now}\n`;
    receiptIds.push(c.row.receiptId!);
    events += `${c.event}\t${now}\n`;
  }

  let lines = "";
  batch.rows.forEach((r, i) => {
    if (isNew.has(r)) lines += relinked.has(r) ? lineCopyText(r) : batch.lineText[i];
  });
  if (lines) await time("copy lines", () => copyInto(conn, "BankTransaction", LINE_COLUMNS, lines));
  if (receipts) await time("copy receipts", () => copyInto(conn, "Receipt", RECEIPT_COLUMNS, receipts));
  if (events) await time("copy events", () => copyInto(conn, "WorkflowEvent", EVENT_COLUMNS, events));
  return { newLines: batch.rows.filter((r) => isNew.has(r)), receiptIds };
}
