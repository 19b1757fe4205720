// Pure: what a matching-policy change does to automatic matching. Loosening (anything that lets the engine apply
// or write off more without a person) needs a second person's approval; tightening applies at once. Hard caps on
// the write-off tolerance hold whoever approves.
import { DEFAULT_POLICY, mergePolicy, type MatchPolicy } from "../cashapp/engine.ts";
import { scaleDecimal } from "../exceptions/amount-bounds.ts";
import type { PolicyOverride } from "./load-policies.ts";

/** Hard caps no approval can exceed: 1 % of the open total and 100.00 of the receipt's currency. */
export const TOLERANCE_CAP = { maxBasisPoints: 100, maxAbsolute: "100.00" } as const;

/** Strategies that make the engine stricter when on (turning them off loosens); every other one loosens when on. */
const STRICT_WHEN_ON = new Set(["duplicateDetection"]);

const dec = (v: string) => scaleDecimal(v, 6, "ceil") ?? 0n;

export function effectiveOf(override: PolicyOverride): MatchPolicy {
  return mergePolicy(DEFAULT_POLICY, override as Parameters<typeof mergePolicy>[1]);
}

/** Errors (path, message) when the override would go past a hard cap. */
export function capViolations(override: PolicyOverride): { path: string; message: string }[] {
  const p = effectiveOf(override);
  const out: { path: string; message: string }[] = [];
  if (p.tolerance.maxBasisPoints > TOLERANCE_CAP.maxBasisPoints) {
    out.push({ path: "body.override.tolerance.maxBasisPoints", message: `at most ${TOLERANCE_CAP.maxBasisPoints} basis points (1 %): a hard cap no approval lifts` });
  }
  if (dec(p.tolerance.maxAbsolute) > dec(TOLERANCE_CAP.maxAbsolute)) {
    out.push({ path: "body.override.tolerance.maxAbsolute", message: `at most ${TOLERANCE_CAP.maxAbsolute}: a hard cap no approval lifts` });
  }
  const cc = p.crossCurrency;
  if (cc && (cc.maxBasisPoints > TOLERANCE_CAP.maxBasisPoints || dec(cc.maxAbsolute) > dec(TOLERANCE_CAP.maxAbsolute))) {
    out.push({ path: "body.override.crossCurrency", message: `cross-currency tolerance at most ${TOLERANCE_CAP.maxBasisPoints} basis points and ${TOLERANCE_CAP.maxAbsolute} of the functional currency: a hard cap no approval lifts` });
  }
  return out;
}

/** Each way `next` loosens automatic matching compared with `prev`, in words; empty = only tighter or equal. */
export function loosenings(prev: MatchPolicy, next: MatchPolicy): string[] {
  const out: string[] = [];
  if (dec(next.tolerance.maxAbsolute) > dec(prev.tolerance.maxAbsolute)) out.push(`tolerance amount ${prev.tolerance.maxAbsolute} → ${next.tolerance.maxAbsolute}`);
  if (next.tolerance.maxBasisPoints > prev.tolerance.maxBasisPoints) out.push(`tolerance ${prev.tolerance.maxBasisPoints} → ${next.tolerance.maxBasisPoints} basis points`);
  if (next.tolerance.writeOffShortfall && !prev.tolerance.writeOffShortfall) out.push("automatic shortfall write-offs turned on");
  if (next.tolerance.writeOffExcess && !prev.tolerance.writeOffExcess) out.push("automatic overpayment write-offs turned on");
  const pc = prev.crossCurrency;
  const nc = next.crossCurrency;
  if (nc?.enabled && !pc?.enabled) out.push("cross-currency application turned on");
  if (nc?.enabled && pc?.enabled && (dec(nc.maxAbsolute) > dec(pc.maxAbsolute) || nc.maxBasisPoints > pc.maxBasisPoints)) out.push("cross-currency tolerance raised");
  if (nc?.enabled && pc?.enabled && (nc.customers?.length ?? 0) === 0 && (pc.customers?.length ?? 0) > 0) out.push("cross-currency application opened to every customer");
  if (next.autoPostConfidence < prev.autoPostConfidence) out.push(`auto-post confidence ${prev.autoPostConfidence} → ${next.autoPostConfidence}`);
  for (const [k, on] of Object.entries(next.strategies)) {
    const was = (prev.strategies as Record<string, boolean>)[k];
    if (on !== was && on !== STRICT_WHEN_ON.has(k)) out.push(`strategy ${k} turned ${on ? "on" : "off"}`);
  }
  return out;
}
