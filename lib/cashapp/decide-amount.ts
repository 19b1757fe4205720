// Receipts without a usable reference: only the identified customer's own open invoices are candidates,
// and a single invoice or a set of them is applied only when exactly one fits the amount.
import { checkTolerance, toleranceLimit } from "./policy.ts";
import { findFittingSets, type SubsetFit, type SubsetItem } from "./subset-sum.ts";
import { formatMoney } from "./money.ts";
import { appliedDecision, exceptionDecision, fullSuggestion, invoiceLabel, withCandidateSets, type DecideContext } from "./outcome.ts";
import type { IdentityMethod } from "./identify-customer.ts";
import type { Decision } from "./types.ts";

const IDENTITY_CONFIDENCE: Record<IdentityMethod, number> = {
  account: 0.97, learned_account: 0.96, name: 0.96, learned_name: 0.95, name_base: 0.95, name_prefix: 0.94, none: 0,
};

export function decideByAmount(ctx: DecideContext, notes: string[]): Decision {
  const { index, receipt, policy, payer } = ctx;
  const s = policy.strategies;
  if (!s.amountOnly && !s.subsetSum) {
    return exceptionDecision(ctx, "UNIDENTIFIED", [], 0.7, ["no invoice reference in remittance", ...notes]);
  }
  if (payer.customers.length === 0) {
    return exceptionDecision(ctx, "UNIDENTIFIED", [], 0.85, [
      "no invoice reference in remittance", `payer not identified (${payer.detail})`, ...notes,
    ]);
  }
  if (payer.customers.length > 1) {
    const ids = payer.customers.slice(0, 5).map((c) => index.customers[c]!.id);
    return exceptionDecision(ctx, "AMBIGUOUS", [], 0.75, [
      "no invoice reference in remittance", `${payer.detail} matches customers ${ids.join(", ")}`, ...notes,
    ]);
  }
  const customer = index.customers[payer.customers[0]!]!;
  const who = `customer ${customer.id} identified by ${payer.detail}`;
  const open: number[] = [];
  for (const i of customer.invoices) {
    const inv = index.invoices[i]!;
    if (inv.open > 0n && inv.entity === receipt.entity && inv.currency === receipt.currency) open.push(i);
  }
  if (!open.length) {
    const other = customer.invoices.some((i) => index.invoices[i]!.open > 0n && index.invoices[i]!.currency !== receipt.currency);
    return exceptionDecision(ctx, other ? "CURRENCY_MISMATCH" : "UNIDENTIFIED", [], 0.75, [
      "no invoice reference in remittance", who,
      other ? `customer has open invoices only in other currencies than ${receipt.currency}` : "customer has no open invoices",
      ...notes,
    ]);
  }

  const exact = policy.subsetSum.exactOnly;
  const abs = exact ? 0n : toleranceLimit(policy, receipt.currency).abs;
  const items: SubsetItem[] = [];
  for (const i of open) items.push({ idx: i, open: index.invoices[i]!.open });
  const found: SubsetFit[] = [];
  let unproven = "";
  if (s.amountOnly) {
    for (const it of items) {
      if (exact ? it.open === ctx.amount : checkTolerance(policy, ctx.amount, it.open, receipt.currency).fits) {
        found.push({ items: [it.idx], total: it.open, diff: ctx.amount - it.open });
      }
    }
  }
  if (s.subsetSum && found.length < 2) {
    if (items.length > policy.subsetSum.maxInvoices) {
      unproven = `${items.length} open invoices exceed the set-search bound of ${policy.subsetSum.maxInvoices}`;
    } else if (items.length >= 2) {
      const r = findFittingSets(items, ctx.amount, {
        maxSetSize: policy.subsetSum.maxSetSize, maxNodes: policy.subsetSum.maxNodes, maxFits: 2 - found.length,
        maxTolerance: abs, minSetSize: 2,
        fits: exact ? undefined : (total: bigint) => checkTolerance(policy, ctx.amount, total, receipt.currency).fits,
      });
      found.push(...r.fits);
      if (r.exhausted) unproven = "set search stopped at its node budget";
    }
  }

  const cur = receipt.currency;
  if (found.length === 1 && !unproven) {
    const f = found[0]!;
    const check = checkTolerance(policy, ctx.amount, f.total, cur);
    const labels = f.items.map((i) => invoiceLabel(index, i)).join(", ");
    const conf = IDENTITY_CONFIDENCE[payer.method] - (f.items.length > 1 ? 0.02 : 0) - (notes.length ? 0.02 : 0);
    const what = f.items.length > 1
      ? `the only set of the customer's open invoices that fits the amount: ${labels}`
      : `the only open invoice of the customer that fits the amount: ${labels}`;
    return appliedDecision(ctx, f.items, check, conf, ["no invoice reference in remittance", who, what, ...notes], "AMBIGUOUS");
  }
  if (found.length >= 2 || (found.length === 1 && unproven)) {
    return withCandidateSets(ctx, exceptionDecision(ctx, "AMBIGUOUS", fullSuggestion(index, found[0]!.items), 0.8, [
      "no invoice reference in remittance", who,
      found.length >= 2 ? "two or more invoice sets of the customer fit the amount" : `one set fits but ${unproven}`,
      ...notes,
    ]), found.map((f) => f.items));
  }
  if (unproven) {
    return exceptionDecision(ctx, "AMBIGUOUS", [], 0.7, ["no invoice reference in remittance", who, unproven, ...notes]);
  }
  return exceptionDecision(ctx, "UNIDENTIFIED", [], 0.8, [
    "no invoice reference in remittance", who,
    `no open invoice or set of invoices of the customer fits ${formatMoney(ctx.amount, cur)} (${open.length} open)`,
    ...notes,
  ]);
}
