// Runs the engine over a batch of receipts, in order (later receipts see what earlier ones applied), and
// persists each decision. A decision that lost a race (an invoice paid meanwhile) is decided again once with
// fresh balances. Returns counts for the job log.
import { db } from "../db/client.ts";
import { createEngine } from "../cashapp/engine.ts";
import type { ReceiptState } from "../workflow/receipt-states.ts";
import { loadEngineInputs, toEngineReceipt } from "./load-engine-inputs.ts";
import { loadPolicies } from "./load-policies.ts";
import { persistDecision, type PersistResult } from "./persist-decision.ts";

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
  const retry: string[] = [];
  for (const r of receipts) {
    const input = toEngineReceipt(r, codeOf.get(r.entityId) ?? r.entityId);
    const decision = engine.decide(input);
    const result = await persistDecision(r.id, states, decision, correlationId);
    counts[result]++;
    if (result === "conflict") retry.push(r.id);
    else engine.commit(input, result === "applied" ? decision : { ...decision, outcome: "exception", applications: [] });
  }
  if (retry.length && attempt < 1) {
    const again = await applyReceipts(retry, mode, correlationId, attempt + 1);
    counts.conflict -= retry.length - again.conflict;
    counts.applied += again.applied;
    counts.exception += again.exception;
  }
  return counts;
}
