// Runs the engine over a batch of receipts, in order (later receipts see what earlier ones applied), and
// persists each decision. A decision that lost a race (an invoice paid meanwhile) is decided again once with
// fresh balances. Returns counts for the job log.
import { db } from "../db/client.ts";
import { createEngine } from "../cashapp/engine.ts";
import type { ReceiptState } from "../workflow/receipt-states.ts";
import { loadEngineInputs, toEngineReceipt } from "./load-engine-inputs.ts";
import { loadPolicies } from "./load-policies.ts";
import { persistDecision, type PersistResult } from "./persist-decision.ts";

const PERSIST_CONCURRENCY = Number(process.env.CASH_APPLY_CONCURRENCY ?? 6);

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
  // Decide in order in memory (later receipts see what earlier ones would apply), then write the decisions
  // several at a time: each write locks only its own receipt and invoices. A write that lost a race is decided
  // again below with fresh balances.
  const decided = receipts.map((r) => ({ r, decision: engine.process(toEngineReceipt(r, codeOf.get(r.entityId) ?? r.entityId)) }));
  const retry: string[] = [];
  await forEachConcurrently(decided, PERSIST_CONCURRENCY, async ({ r, decision }) => {
    // A single payment (a card webhook) posts ahead of a statement's bulk: its latency is what people watch.
    const result = await persistDecision(r.id, states, decision, correlationId, receipts.length <= 5 ? 10 : 0);
    counts[result]++;
    if (result === "conflict") retry.push(r.id);
  });
  if (retry.length && attempt < 1) {
    const again = await applyReceipts(retry, mode, correlationId, attempt + 1);
    counts.conflict -= retry.length - again.conflict;
    counts.applied += again.applied;
    counts.exception += again.exception;
  }
  return counts;
}
