// Runs the engine over a batch of receipts, in order (later receipts see what earlier ones applied), and
// persists each decision. A decision that lost a race (an invoice paid meanwhile) is decided again once with
// fresh balances. Returns counts for the job log.
import { db } from "../db/client.ts";
import { createEngine } from "../cashapp/engine.ts";
import type { ReceiptState } from "../workflow/receipt-states.ts";
import { loadEngineInputs, toEngineReceipt } from "./load-engine-inputs.ts";
import { loadPolicies } from "./load-policies.ts";
import { persistException, type PersistResult } from "./persist-exception.ts";
import { persistAppliedBatch } from "./persist-applied-batch.ts";

const PERSIST_CONCURRENCY = Number(process.env.CASH_APPLY_CONCURRENCY ?? 4);

async function forEachConcurrently<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

/** States the engine may (re)decide from: new receipts, and exceptions nobody has started working on. */
export const ENGINE_STATES: Record<"new" | "retry" | "replay", readonly ReceiptState[]> = {
  new: ["RECEIVED"],
  replay: ["RECEIVED"],
  retry: ["UNIDENTIFIED", "NEEDS_REVIEW"],
};

export async function applyReceipts(receiptIds: string[], mode: keyof typeof ENGINE_STATES, correlationId: string, attempt = 0): Promise<Record<PersistResult, number>> {
  const states = ENGINE_STATES[mode];
  const receipts = await db.receipt.findMany({
    where: { id: { in: receiptIds }, state: { in: [...states] } },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    select: { id: true, entityId: true, currency: true, amountMinor: true, valueDate: true, channel: true, payerName: true, payerAccount: true, remittance: true, bankReference: true, createdAt: true },
  });
  const counts: Record<PersistResult, number> = { applied: 0, exception: 0, skipped: receiptIds.length - receipts.length, conflict: 0 };
  if (receipts.length === 0) return counts;
  const { set, codeOf } = await loadPolicies([...new Set(receipts.map((r) => r.entityId))]);
  const inputs = await loadEngineInputs(receipts, codeOf);
  const engine = createEngine({ customers: inputs.customers, invoices: inputs.invoices, learnedIdentities: inputs.learnedIdentities }, { policies: set, priorReceipts: inputs.priorReceipts });
  // Decide in order in memory (later receipts see what earlier ones would apply), then write: the applied
  // decisions together in one set-based transaction, the exceptions (each opens a case) several at a time. Every
  // write locks its receipts and invoices and re-checks them; a write that lost a race is decided again below
  // with fresh balances.
  const decided = receipts.map((r) => ({ receiptId: r.id, decision: engine.process(toEngineReceipt(r, codeOf.get(r.entityId) ?? r.entityId)) }));
  // A single payment (a card webhook) posts ahead of a statement's bulk: its latency is what people watch.
  const priority = receipts.length <= 5 ? 10 : 0;
  const retry: string[] = [];
  const record = (id: string, result: PersistResult) => {
    counts[result]++;
    if (result === "conflict") retry.push(id);
  };
  await Promise.all([
    persistAppliedBatch(decided.filter((d) => d.decision.outcome === "applied"), states, correlationId, priority)
      .then((results) => { for (const [id, result] of results) record(id, result); }),
    forEachConcurrently(decided.filter((d) => d.decision.outcome !== "applied"), PERSIST_CONCURRENCY, async ({ receiptId, decision }) => {
      record(receiptId, await persistException(receiptId, states, decision, correlationId));
    }),
  ]);
  if (retry.length && attempt < 1) {
    const again = await applyReceipts(retry, mode, correlationId, attempt + 1);
    counts.conflict -= retry.length - again.conflict;
    counts.applied += again.applied;
    counts.exception += again.exception;
  }
  return counts;
}
