// Matching policy: tolerances, strategies, auto-post threshold and search bounds, per legal entity.
// Every decision records the policy's rule_version.
import { absMinor, parseMoney } from "./money.ts";
import type { WriteOffReason } from "./types.ts";
import { DEFAULT_CROSS_CURRENCY } from "./cross-currency.ts";

export interface MatchPolicy {
  /** Recorded on every decision, e.g. "cashapp-2026.11-default". Bump on any rule change. */
  ruleVersion: string;
  tolerance: {
    /** Largest difference written off, in major units of the receipt currency ("25.00"). */
    maxAbsolute: string;
    /** Largest difference as basis points of the open total (50 = 0.5 %). */
    maxBasisPoints: number;
    /** Write off shortfalls as bank charges / excesses as small overpayments. */
    writeOffShortfall: boolean;
    writeOffExcess: boolean;
  };
  strategies: {
    /** Invoice numbers in the remittance (exact and noisy spellings). */
    reference: boolean;
    /** Year dropped / only the running number ("INV 509"). */
    partialReference: boolean;
    /** One transposed or mistyped digit, accepted only when the amount confirms it. */
    typoCorrection: boolean;
    /** PO numbers in place of invoice numbers. */
    poNumber: boolean;
    /** "INV 101 to 105". */
    ranges: boolean;
    /** No reference: the identified customer's single open invoice with that amount. */
    amountOnly: boolean;
    /** No reference: a unique set of the identified customer's invoices summing to the amount. */
    subsetSum: boolean;
    /** Apply a referenced invoice even when the payer is another (or an unknown) party. */
    thirdPartyPayer: boolean;
    /** Use analysts' learned payer identities. */
    learnedIdentities: boolean;
    /** Accept truncated payer names (bank 18/35-character limits). */
    namePrefix: boolean;
    duplicateDetection: boolean;
  };
  /** Cross-currency application (cross-currency.ts); absent = off. */
  crossCurrency?: import("./cross-currency.ts").CrossCurrencyPolicy;
  /** Decisions below this confidence go to a person (exception) even when a match was found. */
  autoPostConfidence: number;
  subsetSum: {
    /** Most open invoices of one customer searched for multi-invoice sets (singles are always searched). */
    maxInvoices: number;
    /** Most invoices in one set. */
    maxSetSize: number;
    /** Search-node budget; when exhausted, uniqueness is unproven and the receipt is an exception. */
    maxNodes: number;
    /**
     * Without a reference the amount is the only evidence of which invoices are paid, so by default only
     * exact totals identify them (a near miss is no evidence; with tolerance, a customer with many open
     * invoices nearly always has some set within 0.5 %). false = tolerance fits count too.
     */
    exactOnly: boolean;
  };
  /**
   * Early-payment discounts a remittance advice takes (decide-advice.ts). A discount up to `maxBasisPoints` of the
   * invoice amount (rounded up to the minor unit) — and, when `days` is set and the invoice has an issue date, taken
   * on a payment dated within issue date + `days` + `graceDays` — is granted: the invoice is cleared. A larger or
   * later one is an UNAUTHORISED_DISCOUNT deduction: the invoice keeps it open. Absent: DEFAULT_DISCOUNT.
   */
  discount?: DiscountPolicy;
}

export interface DiscountPolicy {
  maxBasisPoints: number;
  /** Discount period in days after the issue date (terms such as 2/10 net 30 → 10); null = terms unknown, rate only. */
  days: number | null;
  graceDays: number;
}

/** 2 % (the commonest "2/10 net 30"), terms unknown to the engine (invoice files carry no terms). */
export const DEFAULT_DISCOUNT: DiscountPolicy = { maxBasisPoints: 200, days: null, graceDays: 3 };

export const DEFAULT_POLICY: MatchPolicy = {
  ruleVersion: "cashapp-1.0.0",
  tolerance: { maxAbsolute: "25.00", maxBasisPoints: 50, writeOffShortfall: true, writeOffExcess: true },
  strategies: {
    reference: true, partialReference: true, typoCorrection: true, poNumber: true, ranges: true,
    amountOnly: true, subsetSum: true, thirdPartyPayer: true, learnedIdentities: true, namePrefix: true,
    duplicateDetection: true,
  },
  autoPostConfidence: 0.9,
  subsetSum: { maxInvoices: 60, maxSetSize: 5, maxNodes: 200_000, exactOnly: true },
};

export interface PolicySet {
  default: MatchPolicy;
  /** Overrides per legal entity (deep-merged over `default`). */
  byEntity?: Record<string, DeepPartial<MatchPolicy>>;
}

export type DeepPartial<T> = { [K in keyof T]?: NonNullable<T[K]> extends object ? DeepPartial<NonNullable<T[K]>> : T[K] };

export function defaultPolicySet(): PolicySet {
  return { default: DEFAULT_POLICY };
}

const cache = new WeakMap<PolicySet, Map<string, MatchPolicy>>();

/** The effective policy for a legal entity. */
export function policyFor(set: PolicySet, entity: string): MatchPolicy {
  const o = set.byEntity?.[entity];
  if (!o) return set.default;
  let m = cache.get(set);
  if (!m) cache.set(set, (m = new Map()));
  let p = m.get(entity);
  if (!p) m.set(entity, (p = mergePolicy(set.default, o)));
  return p;
}

export function mergePolicy(base: MatchPolicy, o: DeepPartial<MatchPolicy>): MatchPolicy {
  return {
    ruleVersion: o.ruleVersion ?? base.ruleVersion,
    tolerance: { ...base.tolerance, ...o.tolerance },
    strategies: { ...base.strategies, ...o.strategies },
    autoPostConfidence: o.autoPostConfidence ?? base.autoPostConfidence,
    subsetSum: { ...base.subsetSum, ...o.subsetSum },
    ...(base.discount || o.discount ? { discount: { ...DEFAULT_DISCOUNT, ...base.discount, ...o.discount } as DiscountPolicy } : {}),
    ...(o.crossCurrency || base.crossCurrency ? { crossCurrency: { ...DEFAULT_CROSS_CURRENCY, ...base.crossCurrency, ...o.crossCurrency } as import("./cross-currency.ts").CrossCurrencyPolicy } : {}),
  };
}

export interface ToleranceCheck {
  fits: boolean;
  /** receipt amount − open total (minor units). */
  diff: bigint;
  writeOff: { amount: bigint; reason: WriteOffReason } | null;
}

const absCache = new Map<string, bigint>();

/** The policy's absolute write-off limit in minor units of `currency`, and its basis-point limit. */
export function toleranceLimit(policy: MatchPolicy, currency: string): { abs: bigint; bp: number } {
  const key = `${policy.tolerance.maxAbsolute}|${currency}`;
  let abs = absCache.get(key);
  if (abs === undefined) absCache.set(key, (abs = parseMoney(policy.tolerance.maxAbsolute, currency)));
  return { abs, bp: policy.tolerance.maxBasisPoints };
}

/**
 * Does a receipt of `amount` pay invoices with `openTotal` open, within the policy's tolerance?
 * |diff| <= min(maxAbsolute, bp/10000 × openTotal), compared exactly (no rounding).
 */
export function checkTolerance(policy: MatchPolicy, amount: bigint, openTotal: bigint, currency: string): ToleranceCheck {
  const diff = amount - openTotal;
  if (diff === 0n) return { fits: true, diff, writeOff: null };
  const { abs, bp } = toleranceLimit(policy, currency);
  const d = absMinor(diff);
  const within = d <= abs && d * 10000n <= openTotal * BigInt(bp);
  if (!within) return { fits: false, diff, writeOff: null };
  if (diff < 0n) {
    return policy.tolerance.writeOffShortfall
      ? { fits: true, diff, writeOff: { amount: d, reason: "bank_charge" } }
      : { fits: false, diff, writeOff: null };
  }
  return policy.tolerance.writeOffExcess
    ? { fits: true, diff, writeOff: { amount: d, reason: "small_overpayment" } }
    : { fits: false, diff, writeOff: null };
}
