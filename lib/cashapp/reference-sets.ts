// Reference sets: which invoices the written references may mean (narrowed by scope, series letters and
// customers), which combinations fit the amount, and the applied decision built from them.
import { checkTolerance, type ToleranceCheck } from "./policy.ts";
import type { Mention, RefKind } from "./resolve-references.ts";
import { appliedDecision, exceptionDecision, fullSuggestion, invoiceLabel, type DecideContext } from "./outcome.ts";
import type { Decision } from "./types.ts";

/** A resolved mention restricted to invoices of the receipt's entity and currency. */
export interface Scoped {
  m: Mention;
  groups: number[][];
}

export interface FitSet {
  invoices: number[];
  check: ToleranceCheck;
}

const KIND_CONFIDENCE: Record<RefKind, number> = {
  number: 0.99, po_hint: 0.97, partial: 0.96, year_typo: 0.95, po: 0.95, range: 0.94, typo: 0.93,
};

/** Readings of several ambiguous references are combined up to this many ways. */
const MAX_COMBOS = 256;

export function inScope(ctx: DecideContext, i: number): boolean {
  const inv = ctx.index.invoices[i]!;
  return inv.entity === ctx.receipt.entity && inv.currency === ctx.receipt.currency;
}

/** Narrow a mention's groups to those passing `pred`, unless none would be left. */
function keep(s: Scoped, pred: (g: number[]) => boolean): void {
  if (s.groups.length < 2) return;
  const k = s.groups.filter(pred);
  if (k.length) s.groups = k;
}

/** Prefer open invoices, the written series letters, and the payer's / the other references' customers. */
export function narrow(ctx: DecideContext, scoped: Scoped[], payerCustomers: readonly number[]): void {
  const invs = ctx.index.invoices;
  for (const s of scoped) {
    if (s.groups.length < 2) continue;
    keep(s, (g) => g.some((i) => invs[i]!.open > 0n));
    if (s.m.prefix) keep(s, (g) => g.every((i) => invs[i]!.letters === s.m.prefix));
    keep(s, (g) => g.every((i) => payerCustomers.includes(invs[i]!.customer)));
  }
  const refCustomers = new Set<number>();
  for (const s of scoped) if (s.groups.length === 1) for (const i of s.groups[0]!) refCustomers.add(invs[i]!.customer);
  if (refCustomers.size) for (const s of scoped) keep(s, (g) => g.every((i) => refCustomers.has(invs[i]!.customer)));
}

interface Walk {
  ctx: DecideContext;
  exact: boolean;
  choices: number[][][];
  pick: number[][];
  seen: Set<string>;
  sets: FitSet[];
}

/** Distinct invoice sets the references can mean that fit the amount (`exact`: no tolerance). */
export function fittingSets(ctx: DecideContext, scoped: readonly Scoped[], exact = false): { sets: FitSet[]; combos: number } {
  let combos = 1;
  for (const s of scoped) combos *= s.groups.length;
  const choices = combos > MAX_COMBOS ? scoped.map((s) => [s.groups[0]!]) : scoped.map((s) => s.groups);
  if (combos === 1) {
    const r = evaluate(ctx, uniqueInvoices(choices.map((c) => c[0]!)), exact);
    return { sets: r ? [r] : [], combos };
  }
  const w: Walk = { ctx, exact, choices, pick: [], seen: new Set(), sets: [] };
  walk(w, 0);
  return { sets: w.sets, combos: Math.min(combos, MAX_COMBOS) };
}

function walk(w: Walk, k: number): void {
  if (k === w.choices.length) {
    const invoices = uniqueInvoices(w.pick);
    const key = [...invoices].sort((a, b) => a - b).join(",");
    if (w.seen.has(key)) return;
    w.seen.add(key);
    const r = evaluate(w.ctx, invoices, w.exact);
    if (r) w.sets.push(r);
    return;
  }
  for (const g of w.choices[k]!) {
    w.pick.push(g);
    walk(w, k + 1);
    w.pick.pop();
  }
}

/**
 * The set fits when nothing in it is already paid and the amount is within tolerance of its open total
 * (`exact`: equals it).
 */
export function evaluate(ctx: DecideContext, invoices: number[], exact = false): FitSet | null {
  let total = 0n;
  for (const i of invoices) {
    const open = ctx.index.invoices[i]!.open;
    if (open <= 0n) return null;
    total += open;
  }
  if (exact && total !== ctx.amount) return null;
  const check = checkTolerance(ctx.policy, ctx.amount, total, ctx.receipt.currency);
  return check.fits ? { invoices, check } : null;
}

export function uniqueInvoices(groups: readonly number[][]): number[] {
  const out: number[] = [];
  for (const g of groups) for (const i of g) if (!out.includes(i)) out.push(i);
  return out;
}

const KIND_LABEL: Record<RefKind, string> = {
  number: "invoice number", partial: "invoice number (year omitted)", year_typo: "invoice number (year mistyped)",
  po: "PO number", po_hint: "PO number", typo: "invoice number (one digit off)", range: "invoice range",
};

/** One reason per reference: how it was read and which invoices it names. */
export function describe(ctx: DecideContext, scoped: readonly Scoped[]): string[] {
  const out: string[] = [];
  for (const s of scoped) {
    const g = s.groups[0]!;
    let nums = invoiceLabel(ctx.index, g[0]!);
    for (let k = 1; k < g.length; k++) if (g.indexOf(g[k]!) === k) nums += ", " + invoiceLabel(ctx.index, g[k]!);
    out.push(KIND_LABEL[s.m.kind] + " " + s.m.text + " in remittance → " + nums);
  }
  return out;
}

export function applyRefs(
  ctx: DecideContext, invoices: number[], check: ToleranceCheck, scoped: readonly Scoped[], byAmount: boolean,
  notes: string[], extraKind?: RefKind,
): Decision {
  const { index } = ctx;
  let conf = extraKind ? KIND_CONFIDENCE[extraKind] : 1;
  for (const s of scoped) if (KIND_CONFIDENCE[s.m.kind] < conf) conf = KIND_CONFIDENCE[s.m.kind];
  const reasons = describe(ctx, scoped);
  if (byAmount) reasons.push("the amount singles out one reading of the references"), (conf -= 0.01);
  const payer = ctx.payer.customers;
  let payerIsCustomer = false;
  if (payer.length === 1) for (const i of invoices) if (index.invoices[i]!.customer === payer[0]) payerIsCustomer = true;
  if (payer.length === 1 && !payerIsCustomer) {
    if (!ctx.policy.strategies.thirdPartyPayer) {
      return exceptionDecision(ctx, "AMBIGUOUS", fullSuggestion(index, invoices), 0.7, [...reasons, "payer is another customer"]);
    }
    reasons.push(`paid by a third party (${ctx.payer.detail} is customer ${index.customers[payer[0]!]!.id})`);
    conf -= 0.02;
  } else if (payer.length === 1) {
    reasons.push(`payer identified by ${ctx.payer.detail}`);
  } else {
    conf -= 0.01;
  }
  for (const n of notes) reasons.push(n);
  return appliedDecision(ctx, invoices, check, conf, reasons);
}
