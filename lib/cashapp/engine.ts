// Public API of the cash-application engine (the job pipeline and the CLI both use this).
//
//   const engine = createEngine({ customers, invoices, learnedIdentities }, { policies, priorReceipts });
//   for (const r of receipts) { const d = engine.process(r); ... }   // decide + apply, in order
//
// or one-shot and pure: decideReceipt({ receipt, customers, invoices, priorReceipts, learnedIdentities, policy }).
import { buildIndex, MatchIndex, type IndexInput } from "./index.ts";
import { DuplicateLedger } from "./duplicates.ts";
import { decide } from "./decide.ts";
import { lastApplied } from "./outcome.ts";
import type { LinkedAdvice } from "./decide-advice.ts";
import { DEFAULT_POLICY, defaultPolicySet, policyFor, type MatchPolicy, type PolicySet } from "./policy.ts";
import type { Decision, ReceiptInput } from "./types.ts";
import { decideCrossCurrency, type FxInput } from "./cross-currency.ts";
import { policyInReceiptCurrency } from "./functional-tolerance.ts";

export interface EngineOptions {
  /** Policy per legal entity; defaults to the contract's policy. */
  policies?: PolicySet;
  /** Receipts processed before (duplicate detection). */
  priorReceipts?: Iterable<ReceiptInput>;
  /** Functional currencies and rates: cross-currency application where the entity's policy allows it. */
  fx?: FxInput;
}

export class CashApplicationEngine {
  readonly index: MatchIndex;
  readonly ledger: DuplicateLedger;
  readonly policies: PolicySet;
  readonly fx?: FxInput;

  /** Builds its index from `data`, or works on an index kept elsewhere (a long-lived one: see live-index.ts). */
  constructor(data: IndexInput | MatchIndex, options: EngineOptions = {}) {
    this.index = data instanceof MatchIndex ? data : buildIndex(data);
    this.ledger = new DuplicateLedger(options.priorReceipts);
    this.policies = options.policies ?? defaultPolicySet();
    this.fx = options.fx;
  }

  policyFor(entity: string): MatchPolicy {
    return policyFor(this.policies, entity);
  }

  /** Decide one receipt (with its linked remittance advice, if any) against the current state. Changes nothing. */
  decide(receipt: ReceiptInput, advice?: LinkedAdvice): Decision {
    // The product carries a receipt's linked advice on the receipt itself (load-engine-inputs.ts).
    const linked = advice ?? (receipt.remittanceAdvice ? { advice: receipt.remittanceAdvice, rule: "linked remittance advice" } : undefined);
    // With rates given, the write-off cap is an amount of the entity's functional currency (functional-tolerance.ts).
    const policy = this.fx ? policyInReceiptCurrency(this.policyFor(receipt.entity), receipt, this.fx) : this.policyFor(receipt.entity);
    const d = decide(this.index, receipt, policy, this.ledger, linked);
    if (d.exception_code === "CURRENCY_MISMATCH" && this.fx && !linked) return decideCrossCurrency(this.index, receipt, policy, this.fx, d) ?? d;
    return d;
  }

  /**
   * Record the receipt (duplicate detection) and, when the decision is `applied`, lower the named
   * invoices' open amounts. Call with the engine's decision, or with a person's decision after review.
   */
  commit(receipt: ReceiptInput, decision: Decision): void {
    this.ledger.add(receipt);
    const own = lastApplied?.decision === decision && lastApplied.index === this.index ? lastApplied : undefined;
    this.index.applyDecision(decision, own);
  }

  /**
   * Decide a receipt again, e.g. with a remittance advice that arrived after it was decided: its previous
   * decision is reversed when it was applied, the new one is committed (the receipt stays in the duplicate ledger).
   */
  redecide(receipt: ReceiptInput, previous: Decision, advice?: LinkedAdvice): Decision {
    this.index.reverseDecision(previous);
    const d = this.decide(receipt, advice);
    this.commit(receipt, d);
    return d;
  }

  /** decide + commit. */
  process(receipt: ReceiptInput, advice?: LinkedAdvice): Decision {
    const d = this.decide(receipt, advice);
    this.commit(receipt, d);
    return d;
  }
}

export function createEngine(data: IndexInput | MatchIndex, options: EngineOptions = {}): CashApplicationEngine {
  return new CashApplicationEngine(data, options);
}

/** Decide a stream of receipts in order (later receipts see earlier applications). */
export function matchReceipts(data: IndexInput, receipts: Iterable<ReceiptInput>, options: EngineOptions = {}): Decision[] {
  const engine = createEngine(data, options);
  const out: Decision[] = [];
  for (const r of receipts) out.push(engine.process(r));
  return out;
}

export interface DecideReceiptInput extends IndexInput {
  receipt: ReceiptInput;
  /** The remittance advice linked to the receipt. */
  advice?: LinkedAdvice;
  /** Earlier receipts, for duplicate detection. */
  priorReceipts?: Iterable<ReceiptInput>;
  policy?: MatchPolicy;
}

/** Pure one-shot decision: candidate customers and their open invoices in, decision out. */
export function decideReceipt(input: DecideReceiptInput): Decision {
  const index = buildIndex(input);
  return decide(index, input.receipt, input.policy ?? DEFAULT_POLICY, new DuplicateLedger(input.priorReceipts), input.advice);
}

/**
 * The `cashline match` output record: the contract's fields only, in the contract's order. With remittances
 * (`match --remittances`, remittance.md) every record also carries `deductions` and `remittance` (null when no
 * advice was used); without, the record is exactly match-cli.md's.
 */
export function toContractRecord(d: Decision, options: { remittances?: boolean } = {}) {
  if (options.remittances) {
    return {
      receipt_id: d.receipt_id,
      outcome: d.outcome,
      applications: d.applications,
      deductions: (d.deductions ?? []).map((x) => ({ invoice_id: x.invoice_id, amount: x.amount, reason: x.reason })),
      remittance: d.remittance ?? null,
      exception_code: d.exception_code,
      write_off: d.write_off,
      confidence: d.confidence,
      reasons: d.reasons,
    };
  }
  return {
    receipt_id: d.receipt_id,
    outcome: d.outcome,
    applications: d.applications,
    exception_code: d.exception_code,
    write_off: d.write_off,
    confidence: d.confidence,
    reasons: d.reasons,
  };
}

export type { Decision, ReceiptInput } from "./types.ts";
export type { LinkedAdvice } from "./decide-advice.ts";
export type { FxInput, FxDecision, CrossCurrencyPolicy } from "./cross-currency.ts";
export type { CustomerInput, InvoiceInput, LearnedPayerIdentity, ExceptionCode, Application } from "./types.ts";
export { DEFAULT_POLICY, defaultPolicySet, policyFor, mergePolicy, type MatchPolicy, type PolicySet } from "./policy.ts";
export { parsePolicySet, PolicySetSchema } from "./policy-schema.ts";
export { buildIndex, MatchIndex } from "./index.ts";
export { DuplicateLedger } from "./duplicates.ts";
