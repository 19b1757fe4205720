// The analyst's working allocation on the workspace: how much of the receipt goes to which invoice (and, for a
// short pay, why the rest of each invoice stays open). Totals in minor units: never a float.
import { fromMinor, toMinor } from "@/lib/money/money.ts";
import type { DEDUCTION_REASONS } from "@/lib/exceptions/action-schemas.ts";

export type Allocation = {
  invoiceId: string; number: string; customerId: string; customerName: string; open: string; amount: string;
  reason: (typeof DEDUCTION_REASONS)[number];
};
export type Allocations = Record<string, Allocation>;

export function minorOf(amount: string, currency: string): bigint | null {
  if (!/^\d+(\.\d+)?$/.test(amount.trim())) return null;
  try { return toMinor(amount, currency); } catch { return null; }
}

/** The allocations with a valid positive amount. */
export function liveAllocations(a: Allocations, currency: string): Allocation[] {
  return Object.values(a).filter((x) => (minorOf(x.amount, currency) ?? 0n) > 0n);
}

export function totalMinor(amounts: string[], currency: string): { total: bigint; invalid: number } {
  let total = 0n, invalid = 0;
  for (const a of amounts) {
    if (!a.trim()) continue;
    const m = minorOf(a, currency);
    if (m === null) invalid++;
    else total += m;
  }
  return { total, invalid };
}

/**
 * What is wrong with the analyst's allocation, as they type: per invoice (not a positive amount, more decimals
 * than the currency has, more than the invoice has open) and overall (more than the receipt has unapplied).
 * Nothing is dropped silently: a row with a problem blocks the money actions until it is fixed or cleared.
 */
export function allocationProblems(a: Allocations, currency: string, unappliedMinor: bigint): { byInvoice: Record<string, string>; total: string | null; first: string | null } {
  const byInvoice: Record<string, string> = {};
  let total = 0n;
  for (const x of Object.values(a)) {
    const v = x.amount.trim();
    if (v === "") continue;
    if (!/^\d+(\.\d+)?$/.test(v)) { byInvoice[x.invoiceId] = `${x.number}: “${v}” is not an amount; enter a positive number like 125.00`; continue; }
    const m = minorOf(v, currency);
    if (m === null) { byInvoice[x.invoiceId] = `${x.number}: too many decimals for ${currency}`; continue; }
    const open = minorOf(x.open, currency);
    if (open !== null && m > open) byInvoice[x.invoiceId] = `${x.number}: ${currency} ${fromMinor(m, currency)} is more than its open ${currency} ${x.open}`;
    total += m;
  }
  const over = total - unappliedMinor;
  const totalProblem = over > 0n ? `Allocated ${currency} ${fromMinor(total, currency)}, but only ${currency} ${fromMinor(unappliedMinor, currency)} is unapplied: too much by ${currency} ${fromMinor(over, currency)}` : null;
  return { byInvoice, total: totalProblem, first: Object.values(byInvoice)[0] ?? totalProblem };
}
