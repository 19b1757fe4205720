// Building decisions: applied (every named invoice cleared by its whole open amount, the difference
// written off within tolerance) or exception (a person decides; applications are a suggestion).
import { formatMoney } from "./money.ts";
import type { MatchIndex } from "./index.ts";
import type { PayerIdentity } from "./identify-customer.ts";
import type { MatchPolicy, ToleranceCheck } from "./policy.ts";
import type { Decision, ExceptionCode, ReceiptInput } from "./types.ts";

export interface DecideContext {
  index: MatchIndex;
  policy: MatchPolicy;
  receipt: ReceiptInput;
  /** Receipt amount in minor units. */
  amount: bigint;
  payer: PayerIdentity;
}

/**
 * Invoice positions and minor amounts of the engine's latest applied decision, so committing it right
 * after deciding needs no lookup by invoice id (other decisions are committed by id).
 */
export let lastApplied: { index: MatchIndex; decision: Decision; invoices: readonly number[]; amounts: readonly bigint[] } | null = null;

/** Remember an applied decision built elsewhere (decide-advice.ts) for the commit fast path. */
export function rememberApplied(index: MatchIndex, decision: Decision, invoices: readonly number[], amounts: readonly bigint[]): void {
  lastApplied = { index, decision, invoices, amounts };
}

const round2 = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;

export function appliedDecision(
  ctx: DecideContext,
  invoices: readonly number[],
  check: ToleranceCheck,
  confidence: number,
  /** Taken over (appended to). */
  reasons: string[],
  lowConfidenceCode: ExceptionCode = "AMBIGUOUS",
): Decision {
  const cur = ctx.receipt.currency;
  const applications: Decision["applications"] = [];
  const amounts: bigint[] = [];
  for (const i of invoices) {
    const inv = ctx.index.invoices[i]!;
    applications.push({ invoice_id: inv.id, amount: formatMoney(inv.open, cur) });
    amounts.push(inv.open);
  }
  const all = reasons; // (callers hand over a fresh array)
  if (check.diff === 0n) all.push(invoices.length > 1 ? "amount equals open total" : "amount equals open amount");
  else if (check.writeOff) {
    all.push(
      `difference ${formatMoney(check.writeOff.amount, cur)} written off as ${check.writeOff.reason.replace("_", " ")}`,
    );
  }
  const conf = round2(confidence - (check.writeOff ? 0.01 : 0));
  const writeOff = check.writeOff ? { amount: formatMoney(check.writeOff.amount, cur), reason: check.writeOff.reason } : null;
  if (conf < ctx.policy.autoPostConfidence) {
    all.push(`confidence ${conf} below auto-post threshold ${ctx.policy.autoPostConfidence}`);
    return base(ctx, "exception", applications, lowConfidenceCode, null, conf, all);
  }
  const d = base(ctx, "applied", applications, null, writeOff, conf, all);
  lastApplied = { index: ctx.index, decision: d, invoices, amounts };
  return d;
}

export interface Suggestion {
  invoice: number;
  amount: bigint;
}

export function exceptionDecision(
  ctx: DecideContext,
  code: ExceptionCode,
  suggestions: readonly Suggestion[],
  confidence: number,
  reasons: string[],
): Decision {
  const cur = ctx.receipt.currency;
  const applications = suggestions.map((s) => ({
    invoice_id: ctx.index.invoices[s.invoice]!.id,
    amount: formatMoney(s.amount, cur),
  }));
  return base(ctx, "exception", applications, code, null, round2(confidence), reasons);
}

/** Full open amounts of these invoices (a suggestion for the analyst). */
/** An AMBIGUOUS decision that also lists every fitting set (each one click to apply in the workspace). */
export function withCandidateSets(ctx: DecideContext, d: Decision, sets: readonly (readonly number[])[]): Decision {
  const cur = ctx.receipt.currency;
  const candidate_sets = sets.map((set) => fullSuggestion(ctx.index, set).map((s) => ({ invoice_id: ctx.index.invoices[s.invoice]!.id, amount: formatMoney(s.amount, cur) })))
    .filter((set) => set.length > 0);
  return candidate_sets.length ? { ...d, candidate_sets } : d;
}

export function fullSuggestion(index: MatchIndex, invoices: readonly number[]): Suggestion[] {
  return invoices.filter((i) => index.invoices[i]!.open > 0n).map((i) => ({ invoice: i, amount: index.invoices[i]!.open }));
}

/** Spread `amount` over the invoices in order (oldest due first), each up to its open amount. */
export function allocateSuggestion(index: MatchIndex, invoices: readonly number[], amount: bigint): Suggestion[] {
  const sorted = [...invoices].sort((a, b) =>
    index.invoices[a]!.dueDate < index.invoices[b]!.dueDate ? -1 : index.invoices[a]!.dueDate > index.invoices[b]!.dueDate ? 1 : a - b,
  );
  const out: Suggestion[] = [];
  let left = amount;
  for (const i of sorted) {
    const open = index.invoices[i]!.open;
    if (left <= 0n || open <= 0n) continue;
    const take = open < left ? open : left;
    out.push({ invoice: i, amount: take });
    left -= take;
  }
  return out;
}

function base(
  ctx: DecideContext,
  outcome: Decision["outcome"],
  applications: Decision["applications"],
  code: ExceptionCode | null,
  writeOff: Decision["write_off"],
  confidence: number,
  reasons: string[],
): Decision {
  return {
    receipt_id: ctx.receipt.id,
    outcome,
    applications,
    exception_code: code,
    write_off: writeOff,
    confidence,
    reasons,
    rule_version: ctx.policy.ruleVersion,
    currency: ctx.receipt.currency,
  };
}

export function invoiceLabel(index: MatchIndex, i: number): string {
  return index.invoices[i]!.number;
}
