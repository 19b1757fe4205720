// Rescuing noisy references: the exact-number fast path, ranges ("INV 101 to 105"), one transposed or
// mistyped digit (only when the amount confirms it), and references to another entity or currency.
import { rangeBetween, typoCandidates, type Mention } from "./resolve-references.ts";
import { exceptionDecision, invoiceLabel, type DecideContext } from "./outcome.ts";
import { applyRefs, evaluate, inScope, uniqueInvoices, type FitSet, type Scoped } from "./reference-sets.ts";
import type { ToleranceCheck } from "./policy.ts";
import type { Decision } from "./types.ts";

/**
 * Fast path for the commonest receipt: the remittance is exactly one invoice number of the receipt's
 * entity and currency, and the amount fits. Returns null when the general path must decide.
 * (Same decision as the general path would make; it only skips parsing.)
 */
export function decideExactReference(ctx: DecideContext, text: string, notes: string[]): Decision | null {
  const t = text.trim();
  if (t.length < 3 || t.length > 40) return null;
  // The digits' value is read in place (no digit string) unless there are more than 15 significant ones.
  let count = 0;
  let key = 0;
  let sig = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) continue;
    count++;
    if (sig === 0 && c === 0) continue;
    sig++;
    key = key * 10 + c;
  }
  if (count < 4) return null;
  const hits = sig <= 15 ? ctx.index.byDigits.getNumber(key) : ctx.index.lookupDigits(digitsOf(t));
  if (hits.length !== 1) return null;
  const inv = ctx.index.invoices[hits[0]!]!;
  if (inv.number.length !== t.length || !sameUpperCase(inv.number, t) || !inScope(ctx, inv.idx)) return null;
  const fit = evaluate(ctx, [inv.idx]);
  if (!fit) return null;
  const m: Mention = {
    text: t.toUpperCase(), digits: digitsOf(t), year: inv.year, core: String(inv.core), prefix: inv.letters, kind: "number",
    groups: [[inv.idx]], kinds: ["number"], rangeHint: null,
  };
  return applyRefs(ctx, fit.invoices, fit.check, [{ m, groups: m.groups }], false, notes);
}

const digitsOf = (t: string) => t.replace(/\D+/g, "");

/** a.toUpperCase() === b.toUpperCase(), without making the strings when both are ASCII. */
function sameUpperCase(a: string, b: string): boolean {
  if (a.length !== b.length) return a.toUpperCase() === b.toUpperCase();
  for (let i = 0; i < a.length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x > 0x7f || y > 0x7f) return a.toUpperCase() === b.toUpperCase();
    if (x >= 97 && x <= 122) x -= 32;
    if (y >= 97 && y <= 122) y -= 32;
    if (x !== y) return false;
  }
  return true;
}

export interface RangeFit {
  fit: FitSet;
  from: Mention;
  to: Mention;
  explicit: boolean;
}

/** The references read with a range filled in ("INV 101 to 105" → 101…105), when that fits the amount. */
export function rangeFit(ctx: DecideContext, base: readonly Scoped[]): RangeFit | null {
  for (let k = 1; k < base.length; k++) {
    const a = base[k - 1]!;
    const b = base[k]!;
    if (!b.m.rangeHint || a.groups.length !== 1 || b.groups.length !== 1) continue;
    if (a.groups[0]!.length !== 1 || b.groups[0]!.length !== 1) continue;
    const between = rangeBetween(ctx.index, a.groups[0]![0]!, b.groups[0]![0]!);
    if (!between?.length) continue;
    const customer = ctx.index.invoices[a.groups[0]![0]!]!.customer;
    const fill = between.filter((i) => ctx.index.invoices[i]!.customer === customer && ctx.index.invoices[i]!.entity === ctx.receipt.entity);
    const invoices = uniqueInvoices([...base.map((s) => s.groups[0]!), fill]);
    const r = evaluate(ctx, invoices);
    if (r) return { fit: r, from: a.m, to: b.m, explicit: b.m.rangeHint === "explicit" };
  }
  return null;
}

export function applyRange(ctx: DecideContext, base: readonly Scoped[], r: RangeFit): Decision {
  const reasons = [`range ${r.from.text} … ${r.to.text} read as ${r.fit.invoices.length} invoices`];
  return applyRefs(ctx, r.fit.invoices, r.fit.check, base, false, reasons, "range");
}

export function tryTypo(
  ctx: DecideContext, base: readonly Scoped[], loose: readonly Mention[], payerCustomers: readonly number[], notes: string[],
): Decision | null {
  if (!loose.length) return null;
  const { index } = ctx;
  const found = new Map<string, { invoices: number[]; check: ToleranceCheck; replaced: Mention; by: number }>();
  // Only numbers that name no open invoice of this entity are typo candidates: a written number that exists
  // is taken as meant (a short payment or an already paid invoice is for a person to judge).
  const others = uniqueInvoices(base.map((s) => s.groups[0]!));
  const evidence = new Set(payerCustomers);
  for (const i of others) evidence.add(index.invoices[i]!.customer);
  let othersTotal = 0n;
  for (const i of others) othersTotal += index.invoices[i]!.open;
  if (!index.hasScope(ctx.receipt.entity, ctx.receipt.currency)) return null;
  for (const m of loose) {
    // Without payer or other references to vouch for the customer, only a transposition is accepted.
    for (const c of typoCandidates(index, m, ctx.policy.strategies.partialReference, evidence.size > 0)) {
      const inv = index.invoices[c.invoice]!;
      if (!inScope(ctx, c.invoice) || inv.open <= 0n || others.includes(c.invoice)) continue;
      if (evidence.size ? !evidence.has(inv.customer) : !c.transposition) continue;
      // The amount must confirm the reading exactly.
      if (othersTotal + inv.open !== ctx.amount) continue;
      const invoices = [...others, c.invoice];
      const r = evaluate(ctx, invoices);
      if (r) found.set([...invoices].sort((a, b) => a - b).join(","), { ...r, replaced: m, by: c.invoice });
    }
  }
  if (found.size !== 1) return null;
  const [hit] = [...found.values()];
  const keep = base;
  const reasons = [
    `"${hit!.replaced.text}" read as ${invoiceLabel(index, hit!.by)} (one digit off; the amount confirms it)`,
    ...notes,
  ];
  return applyRefs(ctx, hit!.invoices, hit!.check, keep, false, reasons, "typo");
}

export function outsideException(ctx: DecideContext, outside: readonly Mention[]): Decision {
  const { index, receipt } = ctx;
  const invs = uniqueInvoices(outside.flatMap((m) => m.groups));
  const labels = invs.slice(0, 5).map((i) => {
    const inv = index.invoices[i]!;
    return `${inv.number} (${inv.entity} ${inv.currency})`;
  });
  const otherCurrency = invs.some((i) => index.invoices[i]!.currency !== receipt.currency);
  if (otherCurrency) {
    return exceptionDecision(ctx, "CURRENCY_MISMATCH", [], 0.95, [
      `referenced ${labels.join(", ")} but the receipt is ${receipt.entity} ${receipt.currency}`,
    ]);
  }
  return exceptionDecision(ctx, "UNIDENTIFIED", [], 0.8, [
    `referenced ${labels.join(", ")} belongs to another legal entity than ${receipt.entity}`,
  ]);
}
