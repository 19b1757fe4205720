// The analyst's working allocation on the workspace: how much of the receipt goes to which invoice (and, for a
// short pay, why the rest of each invoice stays open). Totals in minor units: never a float.
import { toMinor } from "@/lib/money/money.ts";
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
