// Plain data in and out of the forecasting core (no database, no clock). Days are whole UTC days counted from
// 1970-01-01 ("day numbers"): a forecast made "as of" day A knows everything that happened before A 00:00 UTC and
// forecasts days A … A+90 (13 weeks).

export const HORIZON_WEEKS = 13;
export const HORIZON_DAYS = HORIZON_WEEKS * 7;

/** Why an open invoice is (partly) held back from the forecast. */
export type HoldKind = "dispute" | "deduction" | "exception";

/** One open invoice as of the forecast date. */
export type OpenInvoice = {
  id: string;
  customerId: string;
  customerName: string;
  dueDay: number;
  openMinor: bigint;
  hold: HoldKind | null;
};

/**
 * One piece of settlement of a past invoice, learned from: cash (an INVOICE application) on `cashDay` (the
 * receipt's value date), or an amount that never came as cash (a write-off or a deduction: `cashDay` null).
 */
export type PaymentSample = {
  customerId: string;
  invoiceId: string;
  dueDay: number;
  cashDay: number | null;
  amountMinor: bigint;
  /**
   * Still unpaid on this day, the forecast date (`cashDay` null, the amount is the open amount): tells the
   * learner this much has waited at least (as-of − due) days so far — a right-censored observation.
   */
  censoredAtDay?: number;
};

/** A processor payout on its way to the bank (not yet recognised on a bank line). */
export type PayoutInTransit = { payoutId: string; arrivalDay: number; amountMinor: bigint };

export type ForecastInput = {
  asOfDay: number;
  invoices: OpenInvoice[];
  history: PaymentSample[];
  payouts: PayoutInTransit[];
};

export type ForecastOptions = { sims?: number; seed?: number };

export type Band = { p10: bigint; p50: bigint; p90: bigint; expected: bigint };
export type ForecastDay = Band & { day: number; payouts: bigint };
export type ForecastWeek = Band & { week: number; fromDay: number; toDay: number; drivers: Driver[] };
export type Driver = { customerId: string; customerName: string; expected: bigint; invoices: number };

export type Forecast = {
  asOfDay: number;
  days: ForecastDay[];
  weeks: ForecastWeek[];
  totals: {
    /** Open invoice amounts plus payouts in transit: everything the forecast starts from. */
    openMinor: bigint;
    payoutsMinor: bigint;
    expectedInHorizon: bigint;
    expectedBeyondHorizon: bigint;
    /** What history says will never come as cash (write-offs, deductions). */
    expectedUncollected: bigint;
    /** Held back by open disputes, deductions and exceptions. */
    heldBack: bigint;
    invoices: number;
  };
};
