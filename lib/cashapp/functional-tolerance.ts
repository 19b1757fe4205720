// Issue 17: the automatic write-off cap (tolerance.maxAbsolute) is an amount of the entity's FUNCTIONAL currency. For
// a receipt in another currency it is converted into the receipt's currency at the value date's rate before the
// engine compares (so "25.00" means EUR 25 for a EUR entity, not JPY 25 or KWD 25). No rate → no automatic
// write-off (cap 0): only exact amounts apply. Pure; the policy object is cached per currency, rate and day.
import { convertMinor, parseRate } from "../fx/rate-math.ts";
import { formatMoney, parseMoney } from "./money.ts";
import type { FxInput } from "./cross-currency.ts";
import type { MatchPolicy } from "./policy.ts";
import type { ReceiptInput } from "./types.ts";

const cache = new WeakMap<MatchPolicy, Map<string, MatchPolicy>>();

export function policyInReceiptCurrency(policy: MatchPolicy, receipt: ReceiptInput, fx: FxInput): MatchPolicy {
  const functional = fx.functionalCurrency[receipt.entity];
  if (!functional || functional === receipt.currency) return policy;
  const rate = fx.rates.find(functional, receipt.currency, receipt.valueDate);
  const key = `${receipt.currency}|${rate?.rate ?? "none"}|${rate?.day ?? ""}`;
  let m = cache.get(policy);
  if (!m) cache.set(policy, (m = new Map()));
  let p = m.get(key);
  if (!p) {
    const cap = rate ? convertMinor(parseMoney(policy.tolerance.maxAbsolute, functional), functional, receipt.currency, parseRate(rate.rate)) : 0n;
    p = { ...policy, tolerance: { ...policy.tolerance, maxAbsolute: formatMoney(cap, receipt.currency) } };
    m.set(key, p);
  }
  return p;
}
