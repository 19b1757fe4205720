// Rebuilds what was known at the start of a day from timestamped facts: the invoices then open (received before
// it, open amount = amount − applications applied before it and not reversed before it), the payment history then
// visible (cash with a value date before it), the holds then active and the payouts then in transit. Also the cash
// that actually arrived afterwards against those same invoices and payouts, for the backtest.
import { dayStartMs } from "./days.ts";
import type { ForecastFacts, InvoiceFact } from "./facts.ts";
import type { ForecastInput, HoldKind, OpenInvoice, PaymentSample } from "./types.ts";

const liveAt = (ms: number, a: { appliedMs: number; reversedMs: number | null }) => a.appliedMs < ms && !(a.reversedMs !== null && a.reversedMs < ms);
const HOLD_ORDER: HoldKind[] = ["dispute", "deduction", "exception"];

export function openAmountAt(inv: InvoiceFact, ms: number): bigint {
  let open = inv.amountMinor - inv.settledOutsideMinor;
  for (const a of inv.applications) if (a.kind !== "ON_ACCOUNT" && liveAt(ms, a)) open -= a.amountMinor;
  return open;
}

function holdAt(inv: InvoiceFact, ms: number): HoldKind | null {
  const active = new Set(inv.holds.filter((h) => h.fromMs < ms && (h.toMs === null || h.toMs >= ms)).map((h) => h.kind));
  // A deduction taken (and not reversed) before the date is an open deduction while the invoice is still open.
  if (inv.applications.some((a) => a.kind === "DEDUCTION" && liveAt(ms, a))) active.add("deduction");
  return HOLD_ORDER.find((k) => active.has(k)) ?? null;
}

/** `knownBeforeMs`: what counts as known (default the day's start; the live forecast passes "now"). */
export function reconstructAsOf(facts: ForecastFacts, asOfDay: number, knownBeforeMs = dayStartMs(asOfDay)): ForecastInput {
  const ms = knownBeforeMs;
  const invoices: OpenInvoice[] = [];
  const history: PaymentSample[] = [];
  for (const inv of facts.invoices) {
    if (inv.knownMs >= ms) continue;
    for (const a of inv.applications) {
      if (!liveAt(ms, a)) continue;
      if (a.kind === "INVOICE" && a.cashDay < asOfDay) history.push({ customerId: inv.customerId, invoiceId: inv.id, dueDay: inv.dueDay, cashDay: a.cashDay, amountMinor: a.amountMinor });
      if (a.kind === "WRITE_OFF" || a.kind === "DEDUCTION") history.push({ customerId: inv.customerId, invoiceId: inv.id, dueDay: inv.dueDay, cashDay: null, amountMinor: a.amountMinor });
    }
    const open = openAmountAt(inv, ms);
    if (open <= 0n) continue;
    const hold = holdAt(inv, ms);
    invoices.push({ id: inv.id, customerId: inv.customerId, customerName: inv.customerName, dueDay: inv.dueDay, openMinor: open, hold });
    // Unpaid so far: a censored observation of how long this customer takes (disputed ones say nothing about it).
    if (hold !== "dispute") history.push({ customerId: inv.customerId, invoiceId: inv.id, dueDay: inv.dueDay, cashDay: null, amountMinor: open, censoredAtDay: asOfDay });
  }
  const payouts = facts.payouts
    .filter((p) => !p.lost && p.createdMs < ms && (p.recognizedMs === null || p.recognizedMs >= ms))
    .map((p) => ({ payoutId: p.payoutId, arrivalDay: p.arrivalDay, amountMinor: p.amountMinor }));
  return { asOfDay, invoices, history, payouts };
}

/**
 * Cash that arrived on days [fromDay, toDay] against what the forecast made at `asOfDay` started from: applications
 * (never reversed) to the invoices then open, by the receipt's value date, and the payouts then in transit, by
 * the value date of the bank credit they were recognised as (else their arrival date once paid).
 */
export function actualCash(facts: ForecastFacts, input: ForecastInput, fromDay: number, toDay: number): bigint {
  const open = new Set(input.invoices.map((i) => i.id));
  let sum = 0n;
  for (const inv of facts.invoices) {
    if (!open.has(inv.id)) continue;
    for (const a of inv.applications) if (a.kind === "INVOICE" && a.reversedMs === null && a.cashDay >= fromDay && a.cashDay <= toDay) sum += a.amountMinor;
  }
  const inTransit = new Set(input.payouts.map((p) => p.payoutId));
  for (const p of facts.payouts) {
    if (!inTransit.has(p.payoutId)) continue;
    const day = p.recognizedDay;
    if (day !== null && day >= fromDay && day <= toDay) sum += p.amountMinor;
  }
  return sum;
}
