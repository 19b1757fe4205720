// Called in the same transaction that applied receipts: writes each receipt's journal entry (status PENDING, the
// posting outbox) with its idempotency key, and enqueues the posting jobs, so the applications, the entries and
// the jobs commit together or not at all. A handful of statements for a whole batch of receipts.
import type { Prisma } from "../db/generated/client.ts";
import { bulkInsert } from "../db/bulk-insert.ts";
import { newId } from "../db/new-id.ts";
import { enqueueMany } from "../jobs/enqueue.ts";
import { buildReceiptJournal } from "./build-receipt-journal.ts";
import { erpPostingJob } from "./erp-posting-job-spec.ts";
import { GL } from "./gl-accounts.ts";
import { journalDelta } from "./journal-delta.ts";
import { buildFxReceiptJournal } from "../fx/build-fx-receipt-journal.ts";

type Line = { account: string; debitMinor: bigint; creditMinor: bigint };

/**
 * Returns each receipt's new entry id, or null when the books already say what its applications say. A revision
 * (after an unapply or a re-application) books only the difference to what earlier entries booked, account by
 * account, so a receipt's entries always add up to its current applications and cash is never booked twice.
 */
/** Per receipt, or one value for all: the correlation id and queue priority of each posting job. */
export type PostingRequestOptions = { correlationId?: string | null | ((receiptId: string) => string); priority?: number | ((receiptId: string) => number) };

export async function requestErpPostings(tx: Prisma.TransactionClient, receiptIds: string[], opts: PostingRequestOptions = {}): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  if (receiptIds.length === 0) return out;
  const receipts = await tx.receipt.findMany({
    where: { id: { in: receiptIds } },
    select: {
      id: true, entityId: true, currency: true, amountMinor: true, bankReference: true, bankAccount: { select: { glAccount: true } },
      entity: { select: { fxGainAccount: true, fxLossAccount: true } },
      applications: {
        where: { reversedAt: null },
        select: {
          kind: true, amountMinor: true, reasonCode: true, invoice: { select: { number: true } },
          fxInvoiceCurrency: true, fxInvoiceAmountMinor: true, fxRate: true, fxRateDate: true, fxFunctionalCurrency: true, fxFunctionalMinor: true, fxBookedFunctionalMinor: true,
        },
      },
    },
  });
  const earlier = await tx.journalLine.findMany({ where: { entry: { receiptId: { in: receiptIds } } }, select: { account: true, debitMinor: true, creditMinor: true, entry: { select: { receiptId: true, idempotencyKey: true } } } });
  const earlierOf = new Map<string, { lines: Line[]; entries: Set<string> }>();
  for (const l of earlier) {
    const e = earlierOf.get(l.entry.receiptId!) ?? { lines: [], entries: new Set<string>() };
    e.lines.push(l);
    e.entries.add(l.entry.idempotencyKey);
    earlierOf.set(l.entry.receiptId!, e);
  }
  // Receipts once applied across currencies stay booked in the functional currency after an unapply: the cash's
  // functional value (at the value date's rate) goes back to unapplied cash, and the delta reverses the rest.
  const fxHistory = await tx.application.findMany({
    where: { receiptId: { in: receiptIds }, fxFunctionalCurrency: { not: null } }, orderBy: { appliedAt: "desc" },
    select: { receiptId: true, fxFunctionalCurrency: true, fxFunctionalMinor: true, appliedAt: true },
  });
  const drafts = receipts.flatMap((r) => {
    // A receipt applied across currencies is booked in the entity's functional currency with its realised FX line.
    const fxApps = r.applications.filter((a) => a.fxFunctionalCurrency);
    const journalCurrency = fxApps[0]?.fxFunctionalCurrency ?? r.currency;
    const history = fxHistory.filter((a) => a.receiptId === r.id);
    const unappliedFx = !fxApps.length && history.length && !r.applications.length
      ? history.filter((a) => a.appliedAt.getTime() === history[0]!.appliedAt.getTime()).reduce((s, a) => s + a.fxFunctionalMinor!, 0n)
      : null;
    const currency = unappliedFx !== null ? history[0]!.fxFunctionalCurrency! : journalCurrency;
    const lines = unappliedFx !== null
      ? [
          { account: r.bankAccount?.glAccount ?? GL.processorClearing, debitMinor: unappliedFx, creditMinor: 0n, description: `Cash received ${r.currency} (${currency} at value-date rate)` },
          { account: GL.unappliedCash, debitMinor: 0n, creditMinor: unappliedFx, description: "Unapplied cash" },
        ]
      : fxApps.length && fxApps.length === r.applications.length
      ? buildFxReceiptJournal(journalCurrency, fxApps.map((a) => ({
          invoiceNumber: a.invoice?.number ?? null, receiptMinor: a.amountMinor, receiptCurrency: r.currency, invoiceMinor: a.fxInvoiceAmountMinor!, invoiceCurrency: a.fxInvoiceCurrency!,
          rate: a.fxRate!, rateDate: a.fxRateDate!.toISOString().slice(0, 10), functionalMinor: a.fxFunctionalMinor!, bookedFunctionalMinor: a.fxBookedFunctionalMinor!,
        })), { bank: r.bankAccount?.glAccount ?? GL.processorClearing, receivables: GL.receivables, fxGain: r.entity.fxGainAccount, fxLoss: r.entity.fxLossAccount })
      : buildReceiptJournal(
          { amountMinor: r.amountMinor, bankGlAccount: r.bankAccount?.glAccount ?? GL.processorClearing },
          r.applications.map((a) => ({ kind: a.kind, amountMinor: a.amountMinor, reasonCode: a.reasonCode, invoiceNumber: a.invoice?.number })),
        );
    const prior = earlierOf.get(r.id);
    const booked = prior ? journalDelta(prior.lines, lines) : lines;
    if (booked.length === 0) {
      out.set(r.id, null);
      return [];
    }
    const version = (prior?.entries.size ?? 0) + 1;
    return [{
      lines: booked,
      entry: {
        entityId: r.entityId, currency, receiptId: r.id, kind: "cash_receipt", status: "PENDING" as const,
        memo: `Receipt ${r.bankReference ?? r.id}${version > 1 ? ` (revision ${version})` : ""}`, idempotencyKey: `receipt:${r.id}:v${version}`,
      },
    }];
  });
  if (drafts.length === 0) return out;
  const entries = drafts.map((d) => ({ ...d.entry, id: newId() }));
  await bulkInsert(tx, "JournalEntry", entries, [
    ["id", "text", (e) => e.id], ["entityId", "text", (e) => e.entityId], ["currency", "text", (e) => e.currency], ["receiptId", "text", (e) => e.receiptId],
    ["kind", "text", (e) => e.kind], ["memo", "text", (e) => e.memo], ["idempotencyKey", "text", (e) => e.idempotencyKey], ["status", '"JournalStatus"', (e) => e.status],
    ["createdAt", "timestamp", () => new Date()],
  ]);
  const entryOf = new Map(entries.map((e) => [e.receiptId, e.id]));
  const lines = drafts.flatMap((d) => d.lines.map((l) => ({ ...l, entryId: entryOf.get(d.entry.receiptId)! })));
  await bulkInsert(tx, "JournalLine", lines, [
    ["id", "text", () => newId()], ["entryId", "text", (l) => l.entryId], ["account", "text", (l) => l.account],
    ["debitMinor", "bigint", (l) => l.debitMinor], ["creditMinor", "bigint", (l) => l.creditMinor], ["description", "text", (l) => l.description],
  ]);
  const cid = (id: string) => (typeof opts.correlationId === "function" ? opts.correlationId(id) : opts.correlationId ?? undefined);
  const priority = (id: string) => (typeof opts.priority === "function" ? opts.priority(id) : opts.priority);
  await enqueueMany(erpPostingJob, entries.map((e) => ({ data: { journalEntryId: e.id }, priority: priority(e.receiptId), correlationId: cid(e.receiptId) })), { tx });
  for (const [receiptId, entryId] of entryOf) out.set(receiptId, entryId);
  return out;
}
