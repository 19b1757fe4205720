// Chooses, once per journal entry and before its first ERP call, the date the ERP books it on: the receipt's value
// date, or — when the ERP reports that date's period closed — the first day of its next open period
// (erp-posting-date.ts). The choice is stored on the entry (`erpPostingDate`), so every retry sends the same bytes
// under the same idempotency key, whatever the periods do meanwhile. Revisions (unapply, reapply) are dated the same way,
// from the value date but never before the date the receipt is already booked on in the ERP. A moved date gets a `posting.date_moved`
// timeline event and an audit row, in the transaction that stores it. One statement for the whole batch.
import { db } from "../db/client.ts";
import { bulkInsert } from "../db/bulk-insert.ts";
import { column, textArray } from "../db/pg-array.ts";
import { erpPostingDate, type PostingDate } from "./erp-posting-date.ts";
import type { EntityErp } from "./erp-connection.ts";

/** `notBefore`: a revision is never dated before the receipt's date already booked in the ERP (YYYY-MM-DD). */
export type DateNeed = { entryId: string; receiptId: string; entityCode: string; valueDate: string; notBefore?: string; correlationId: string; erp: EntityErp };

/** Dates per entry id; an entry whose periods could not be read gets its error instead (it fails like a posting). */
export async function assignPostingDates(needs: DateNeed[]): Promise<{ dates: Map<string, string>; errors: Map<string, unknown> }> {
  const dates = new Map<string, string>();
  const errors = new Map<string, unknown>();
  const decided: (DateNeed & PostingDate)[] = [];
  await Promise.all(needs.map(async (n) => {
    try {
      const chosen = erpPostingDate(n.valueDate, await n.erp.periods(n.entityCode));
      decided.push({ ...n, ...chosen, date: n.notBefore && n.notBefore > chosen.date ? n.notBefore : chosen.date });
    } catch (e) {
      errors.set(n.entryId, e);
    }
  }));
  if (decided.length === 0) return { dates, errors };
  await db.$transaction(async (tx) => {
    // Only entries still without a date: another worker may have chosen one first; theirs stands.
    const claimed = await tx.$queryRawUnsafe<{ id: string }[]>(`
      update "JournalEntry" j set "erpPostingDate" = v.d::date from unnest($1::text[], $2::text[]) as v(id, d)
       where j.id = v.id and j."erpPostingDate" is null returning j.id`, column(decided, (d) => d.entryId), column(decided, (d) => d.date));
    const mine = new Set(claimed.map((c) => c.id));
    const moved = decided.filter((d) => d.moved && mine.has(d.entryId));
    const now = new Date();
    await bulkInsert(tx, "WorkflowEvent", moved, [
      ["type", "text", () => "posting.date_moved"], ["receiptId", "text", (d) => d.receiptId], ["sourceSystem", "text", () => "cashline"],
      ["sourceId", "text", (d) => `${d.entryId}:posting-date`], ["correlationId", "text", (d) => d.correlationId], ["actorType", "text", () => "system"],
      ["actorId", "text", () => "erp-connector"], ["postingStatus", "text", () => "pending"],
      ["payload", "jsonb", (d) => JSON.stringify({ journalEntryId: d.entryId, ...d.moved, to: d.date, why: `ERP period ${d.moved!.closedPeriod} is closed` })],
      ["occurredAt", "timestamp", () => now], ["recordedAt", "timestamp", () => now],
    ], { onConflict: "do nothing" });
    await bulkInsert(tx, "AuditLog", moved, [
      ["at", "timestamp", () => now], ["actorType", "text", () => "system"], ["actorLabel", "text", () => "erp-connector"], ["action", "text", () => "erp.posting_date_moved"],
      ["targetType", "text", () => "Receipt"], ["targetId", "text", (d) => d.receiptId], ["requestId", "text", (d) => d.correlationId],
      ["details", "jsonb", (d) => JSON.stringify({ journalEntryId: d.entryId, from: d.moved!.from, to: d.date, closedPeriod: d.moved!.closedPeriod, openPeriod: d.moved!.openPeriod })],
    ]);
    const lost = decided.filter((d) => !mine.has(d.entryId)).map((d) => d.entryId);
    const theirs = lost.length === 0 ? [] : await tx.$queryRawUnsafe<{ id: string; d: string }[]>(
      `select id, to_char("erpPostingDate", 'YYYY-MM-DD') as d from "JournalEntry" where id = any($1::text[])`, textArray(lost));
    for (const d of decided) if (mine.has(d.entryId)) dates.set(d.entryId, d.date);
    for (const t of theirs) dates.set(t.id, t.d);
  });
  return { dates, errors };
}
