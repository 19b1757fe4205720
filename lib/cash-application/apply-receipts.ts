// Runs the engine over a batch of receipts, in order (later receipts see what earlier ones applied), and
// persists each decision. A decision that lost a race (an invoice paid meanwhile) is decided again once with
// fresh balances. Returns counts for the job log.
import { db } from "../db/client.ts";
import { createEngine } from "../cashapp/engine.ts";
import type { ReceiptState } from "../workflow/receipt-states.ts";
import { loadPriorReceipts, receiptRowSelect, toEngineReceipt } from "./load-engine-inputs.ts";
import { liveIndexFor, resyncInvoices } from "./live-index.ts";
import { loadPolicies } from "./load-policies.ts";
import { persistException, type PersistResult } from "./persist-exception.ts";
import { persistAppliedBatch, type ApplyContext } from "./persist-applied-batch.ts";
import { receiptsInLockedPeriods } from "../close/period-lock.ts";
import { loadReceiptAdvices } from "../remittance/load-receipt-advices.ts";
import { loadEngineFx } from "./load-engine-fx.ts";

const PERSIST_CONCURRENCY = Number(process.env.CASH_APPLY_CONCURRENCY ?? 4);

async function forEachConcurrently<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

// Receipts a call in this process is deciding or writing. Calls share the live index, which shows a decided
// receipt's invoices as paid before the write commits: a second call deciding the same receipt then would read it
// as already paid and could write that exception before the first call's applied write locks the receipt. So a
// receipt is decided by one call of a process at a time; another call wanting it waits for that call's write and
// then decides it from the database's state (usually: already applied, skipped; an advice that arrived meanwhile
// still counts). Between processes the database's row locks settle it (persistAppliedBatch, persistException).
const inFlight = new Map<string, Promise<void>>();

/** States the engine may (re)decide from: new receipts, and exceptions nobody has started working on. */
export const ENGINE_STATES: Record<"new" | "retry" | "replay" | "remittance", readonly ReceiptState[]> = {
  new: ["RECEIVED"],
  replay: ["RECEIVED"],
  retry: ["UNIDENTIFIED", "NEEDS_REVIEW"],
  /** A remittance advice arrived for a payment in exception (lib/remittance/attach-advice.ts): decided again with it. */
  remittance: ["RECEIVED", "UNIDENTIFIED", "NEEDS_REVIEW", "SHORT_PAY", "OVERPAYMENT"],
};

/**
 * `context`: the job's correlation id, or per receipt (jobs fetched together and decided in one pass). A job of a
 * few receipts (a card payment) gets priority: its postings go ahead of a statement's bulk.
 */
export async function applyReceipts(receiptIds: string[], mode: keyof typeof ENGINE_STATES, context: string | ApplyContext, attempt = 0, timings: Record<string, number> = {}): Promise<Record<PersistResult, number>> {
  const states = ENGINE_STATES[mode];
  // Milliseconds per phase, for the job log (where a slow batch spent its time).
  let mark = performance.now();
  const lap = (phase: string) => { const now = performance.now(); timings[phase] = Math.round((timings[phase] ?? 0) + now - mark); mark = now; };
  const ctx: ApplyContext = typeof context === "string" ? { correlationIdOf: () => context, priorityOf: () => (receiptIds.length <= 5 ? 10 : 0) } : context;
  const loaded = await db.receipt.findMany({ where: { id: { in: receiptIds }, state: { in: [...states] } }, orderBy: [{ receivedAt: "asc" }, { id: "asc" }], select: receiptRowSelect });
  // Receipts accounted in a signed-off month are not applied, even by the engine (period lock: lib/close/period-lock.ts).
  const locked = await receiptsInLockedPeriods(db, loaded.map((r) => r.id));
  const receipts = locked.size ? loaded.filter((r) => !locked.has(r.id)) : loaded;
  const counts: Record<PersistResult, number> = { applied: 0, exception: 0, skipped: receiptIds.length - receipts.length, conflict: 0 };
  if (receipts.length === 0) return counts;
  lap("load");
  const entityIds = [...new Set(receipts.map((r) => r.entityId))];
  const { set, codeOf } = await loadPolicies(entityIds);
  const code = (entityId: string) => codeOf.get(entityId) ?? entityId;
  const [priorReceipts, indexes, advices] = await Promise.all([
    loadPriorReceipts(receipts, codeOf),
    Promise.all(entityIds.map(async (id) => [id, await liveIndexFor(id, code(id))] as const)),
    // Remittance advices linked to these payments (waiting ones are linked now): the engine reads their lines.
    loadReceiptAdvices(receipts, ctx.correlationIdOf),
  ]);
  lap("index");
  // Decide in order on each entity's live index (later receipts see what earlier ones would apply), without an
  // await in between (jobs of this process share the index), then write: the applied decisions together in one
  // set-based transaction, the exceptions (each opens a case) several at a time. Every write locks its receipts
  // and invoices and re-checks them; a write that lost a race is decided again below with fresh balances.
  // Rates and functional currencies when some entity's policy allows cross-currency application, or a receipt is in
  // another currency than its entity's functional one (the write-off cap is a functional-currency amount).
  const fx = await loadEngineFx(set, entityIds, codeOf, receipts);
  // No await from here to the claim: the check and the claim are one step for this process.
  const mine = receipts.filter((r) => !inFlight.has(r.id));
  const waitFor = receipts.filter((r) => inFlight.has(r.id)).map((r) => ({ id: r.id, owner: inFlight.get(r.id)! }));
  let release!: () => void;
  const done = new Promise<void>((resolve) => { release = resolve; });
  for (const r of mine) inFlight.set(r.id, done);
  const engines = new Map(indexes.map(([id, index]) => [id, createEngine(index, { policies: set, priorReceipts, fx })]));
  const decided = mine.map((r) => {
    const decision = engines.get(r.entityId)!.process(toEngineReceipt(r, code(r.entityId), advices.get(r.id)));
    return { receiptId: r.id, entityId: r.entityId, decision, ...(decision.fx ? { rates: fx!.rates, valueDate: r.valueDate.toISOString().slice(0, 10) } : {}) };
  });
  lap("decide");
  const retry: string[] = [];
  const record = (id: string, result: PersistResult) => {
    counts[result]++;
    if (result === "conflict") retry.push(id);
  };
  try {
    await Promise.all([
      persistAppliedBatch(decided.filter((d) => d.decision.outcome === "applied"), states, ctx)
        .then((results) => { for (const [id, result] of results) record(id, result); }),
      forEachConcurrently(decided.filter((d) => d.decision.outcome !== "applied"), PERSIST_CONCURRENCY, async ({ receiptId, decision }) => {
        record(receiptId, await persistException(receiptId, states, decision, ctx.correlationIdOf(receiptId)));
      }),
    ]);
    lap("persist");
  } finally {
    // Whatever was written, lost or rolled back: the live indexes take the database's balances back.
    try {
      for (const entityId of entityIds) {
        const touched = decided.filter((d) => d.entityId === entityId && d.decision.outcome === "applied").flatMap((d) => d.decision.applications.map((a) => a.invoice_id));
        await resyncInvoices(entityId, [...new Set(touched)]);
      }
    } finally {
      for (const r of mine) inFlight.delete(r.id);
      release();
    }
    lap("resync");
  }
  if (waitFor.length) {
    // Settled only by the owners' own writes (released above, before any waiting of theirs): no waiting in a cycle.
    await Promise.all(waitFor.map((w) => w.owner));
    const after = await applyReceipts(waitFor.map((w) => w.id), mode, ctx, attempt, timings);
    for (const k of Object.keys(counts) as PersistResult[]) counts[k] += after[k];
  }
  if (retry.length && attempt < 1) {
    const again = await applyReceipts(retry, mode, ctx, attempt + 1, timings);
    counts.conflict -= retry.length - again.conflict;
    counts.applied += again.applied;
    counts.exception += again.exception;
  }
  return counts;
}
