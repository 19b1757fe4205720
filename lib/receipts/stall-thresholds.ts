// How long a receipt may sit in each non-final state before it counts as STALLED (no silent stall, issue 11).
// Defaults, and why:
// - RECEIVED / IDENTIFIED / MATCHED, 30 min: the engine decides a receipt within seconds of its arrival (a 100,000-
//   line statement within minutes), and open exceptions are re-decided every 5 minutes; half an hour is many
//   missed chances, not a busy queue.
// - APPLIED, 4 h: posting retries back off to 30 s over 10 tries (~5 min) and the circuit breaker rides out ERP
//   maintenance; an ERP down for longer than a working morning needs a person to know.
// - POSTED: not watched by default. The cash is applied and booked in the ERP; what is left is publication to
//   webhook subscribers, which the outbox retries and the Connectors page shows (dead deliveries). Putting every
//   slow subscriber's receipts in the AR analysts' queue would drown the real stalls; `POSTED=24h` turns it on.
// - Exception states (UNIDENTIFIED … ESCALATED), 1 h: they are always opened with a case in the same transaction;
//   one without a case for an hour lost it (a merge, a cancelled duplicate) and must be found.
// PUBLISHED and RETURNED are final. STALL_THRESHOLDS overrides any of them: `APPLIED=2h,RECEIVED=15m`.
import { env } from "../env.ts";
import { RECEIPT_STATES, type ReceiptState } from "../workflow/receipt-states.ts";

const MIN = 60_000;
export const FINAL_STATES: readonly ReceiptState[] = ["PUBLISHED", "RETURNED"];
export const DEFAULT_STALL_AFTER_MS: Partial<Record<ReceiptState, number>> = {
  RECEIVED: 30 * MIN, IDENTIFIED: 30 * MIN, MATCHED: 30 * MIN, APPLIED: 240 * MIN,
  UNIDENTIFIED: 60 * MIN, NEEDS_REVIEW: 60 * MIN, SHORT_PAY: 60 * MIN, OVERPAYMENT: 60 * MIN, DUPLICATE: 60 * MIN,
  CHARGEBACK: 60 * MIN, POSTING_FAILED: 60 * MIN, ESCALATED: 60 * MIN,
};

const UNIT = { s: 1000, m: MIN, h: 60 * MIN, d: 24 * 60 * MIN } as const;

/** Parses `STATE=30m,OTHER=4h`; an unknown or final state is an error naming it. */
export function parseStallThresholds(text: string): Partial<Record<ReceiptState, number>> {
  const out: Partial<Record<ReceiptState, number>> = {};
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Z_]+)=(\d+)([smhd])$/.exec(part);
    if (!m) throw new Error(`STALL_THRESHOLDS: "${part}" is not STATE=<number><s|m|h|d>`);
    const state = m[1] as ReceiptState;
    if (!RECEIPT_STATES.includes(state) || FINAL_STATES.includes(state)) throw new Error(`STALL_THRESHOLDS: ${m[1]} is not a non-final receipt state`);
    out[state] = Number(m[2]) * UNIT[m[3] as keyof typeof UNIT];
  }
  return out;
}

export function stallThresholds(text = env().STALL_THRESHOLDS): Partial<Record<ReceiptState, number>> {
  return { ...DEFAULT_STALL_AFTER_MS, ...parseStallThresholds(text) };
}
