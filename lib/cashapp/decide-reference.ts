// Receipts whose remittance names invoices (or POs): pick the invoice set the references mean, check the
// amount against its open total, and rescue noisy references (ranges, one-digit typos) only when the
// amount confirms them.
import { formatMoney } from "./money.ts";
import { KIND_RANK, STRONG_KINDS, type Mention, type RefKind } from "./resolve-references.ts";
import { allocateSuggestion, exceptionDecision, fullSuggestion, invoiceLabel, withCandidateSets, type DecideContext } from "./outcome.ts";
import { applyRefs, describe, fittingSets, inScope, narrow, uniqueInvoices, type Scoped } from "./reference-sets.ts";
import { applyRange, outsideException, rangeFit, tryTypo } from "./reference-rescue.ts";
import type { Decision } from "./types.ts";

export { decideExactReference } from "./reference-rescue.ts";

/** Decide by reference, or return null when the remittance holds no usable reference (→ amount path). */
export function decideByReference(ctx: DecideContext, mentions: readonly Mention[], notes: string[]): Decision | null {
  const { index } = ctx;
  const payerCustomers = ctx.payer.customers;
  const scoped: Scoped[] = [];
  const outside: Mention[] = [];
  const unresolved: Mention[] = [];
  for (const m of mentions) {
    if (!m.groups.length) {
      unresolved.push(m);
      continue;
    }
    // Keep only the strongest readings that are in scope.
    let best = 99;
    let groups: number[][] | null = null;
    let kind: RefKind = m.kind;
    for (let k = 0; k < m.groups.length; k++) {
      const g = m.groups[k]!;
      let ok = true;
      for (const i of g) if (!inScope(ctx, i)) ok = false;
      if (!ok) continue;
      const rank = KIND_RANK[m.kinds[k]!];
      if (rank < best) (best = rank), (groups = [g]), (kind = m.kinds[k]!);
      else if (rank === best) groups!.push(g);
    }
    if (groups) {
      scoped.push({ m: kind === m.kind ? m : { ...m, kind }, groups });
      continue;
    }
    // A reference to another entity / currency counts only when it agrees with a written series prefix.
    const series = m.prefix && index.seriesLetters.has(m.prefix);
    const agrees = m.groups.filter((g) => !series || g.every((i) => index.invoices[i]!.letters === m.prefix));
    if (STRONG_KINDS.has(m.kind) && agrees.length) outside.push({ ...m, groups: agrees });
    else unresolved.push(m);
  }
  if (scoped.some((x) => x.groups.length > 1)) narrow(ctx, scoped, payerCustomers);

  // Which mentions are credible on their own: strong kinds, or weak ones pointing at the payer's invoices.
  const strongCustomers: number[] = [];
  for (const s of scoped) {
    if (!STRONG_KINDS.has(s.m.kind)) continue;
    for (const g of s.groups) for (const i of g) if (!strongCustomers.includes(index.invoices[i]!.customer)) strongCustomers.push(index.invoices[i]!.customer);
  }
  const credible: Scoped[] = [];
  const optional: Scoped[] = [];
  for (const s of scoped) {
    const ok = STRONG_KINDS.has(s.m.kind) ||
      s.groups.some((g) => g.some((i) => payerCustomers.includes(index.invoices[i]!.customer) || strongCustomers.includes(index.invoices[i]!.customer)));
    (ok ? credible : optional).push(s);
  }

  // 1. The references as written. Weak readings nobody vouches for (another customer's invoice found by
  //    a dropped or mistyped year, a bare PO-like number) count only when the amount matches exactly.
  const base = credible;
  const tries: [readonly Scoped[], boolean][] = credible.length
    ? [[credible, false], ...(optional.length ? [[[...credible, ...optional], true] as [Scoped[], boolean]] : [])]
    : [[optional, true]];
  for (const [set, exact] of tries) {
    if (!set.length) continue;
    const fit = fittingSets(ctx, set, exact);
    if (fit.sets.length === 1) {
      const only = fit.sets[0]!;
      // "INV 101 to 105" read as a list may still fit within tolerance; the range reading wins when it fits better.
      if (ctx.policy.strategies.ranges && set === base && base.length >= 2) {
        const r = rangeFit(ctx, base);
        const d = (x: bigint) => (x < 0n ? -x : x);
        if (r && (d(r.fit.check.diff) < d(only.check.diff) || (r.explicit && r.fit.check.diff === only.check.diff))) {
          return applyRange(ctx, base, r);
        }
      }
      return applyRefs(ctx, only.invoices, only.check, set, fit.combos > 1, notes);
    }
    if (fit.sets.length > 1) {
      return withCandidateSets(ctx, exceptionDecision(ctx, "AMBIGUOUS", fullSuggestion(index, fit.sets[0]!.invoices), 0.8, [
        ...describe(ctx, set),
        `${fit.sets.length} different invoice sets match the references and the amount`,
      ]), fit.sets.map((f) => f.invoices));
    }
  }

  // 2. A range ("INV 101 to 105").
  if (ctx.policy.strategies.ranges && base.length >= 2) {
    const r = rangeFit(ctx, base);
    if (r) return applyRange(ctx, base, r);
  }

  // 3. One mistyped or transposed digit, confirmed by the amount.
  if (ctx.policy.strategies.typoCorrection) {
    const loose = [...optional.map((s) => s.m), ...unresolved, ...outside];
    const t = tryTypo(ctx, base, loose, payerCustomers, notes);
    if (t) return t;
  }

  if (!base.length) {
    if (outside.length) return outsideException(ctx, outside);
    if (unresolved.length || optional.length) {
      notes.push(`reference-like text ${[...unresolved, ...optional.map((s) => s.m)].map((m) => `"${m.text}"`).join(", ")} matched no open invoice of the payer`);
    }
    return null;
  }

  // 4. The references are real but the money does not fit: the analyst decides.
  const primary = uniqueInvoices(base.map((s) => s.groups[0]!));
  const paid = primary.filter((i) => index.invoices[i]!.open <= 0n);
  const reasons = describe(ctx, base);
  if (paid.length) {
    reasons.push(`${paid.map((i) => invoiceLabel(index, i)).join(", ")} ${paid.length > 1 ? "have" : "has"} nothing open`);
    return { ...exceptionDecision(ctx, "ALREADY_PAID", fullSuggestion(index, primary), 0.95, reasons), paid_invoice_ids: paid.map((i) => index.invoices[i]!.id) };
  }
  let total = 0n;
  for (const i of primary) total += index.invoices[i]!.open;
  const diff = ctx.amount - total;
  const cur = ctx.receipt.currency;
  if (diff < 0n) {
    reasons.push(`amount ${formatMoney(ctx.amount, cur)} is ${formatMoney(-diff, cur)} short of open ${formatMoney(total, cur)}, beyond tolerance`);
    return exceptionDecision(ctx, "SHORT_PAY", allocateSuggestion(index, primary, ctx.amount), 0.9, reasons);
  }
  reasons.push(`amount ${formatMoney(ctx.amount, cur)} exceeds open ${formatMoney(total, cur)} by ${formatMoney(diff, cur)}, beyond tolerance`);
  return exceptionDecision(ctx, "OVERPAYMENT", fullSuggestion(index, primary), 0.9, reasons);
}
