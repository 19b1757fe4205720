// What the database knows about one entity and currency, as plain timestamped facts, so that the state as of any
// past day can be rebuilt (reconstruct-as-of.ts) without asking the database again.
import type { HoldKind } from "./types.ts";

export type ApplicationFact = {
  kind: "INVOICE" | "ON_ACCOUNT" | "WRITE_OFF" | "DEDUCTION";
  amountMinor: bigint;
  appliedMs: number;
  reversedMs: number | null;
  /** The receipt's value date: the day the cash arrived. */
  cashDay: number;
};

export type HoldFact = { kind: HoldKind; fromMs: number; toMs: number | null };

export type InvoiceFact = {
  id: string;
  customerId: string;
  customerName: string;
  dueDay: number;
  amountMinor: bigint;
  /** When Cashline learnt of the invoice (its receivedAt). */
  knownMs: number;
  /**
   * Settled without any application Cashline holds (paid before Cashline, credit memos): amount − open − live
   * applications today. Its date is unknown, so it counts as settled at every as-of date (documented limitation).
   */
  settledOutsideMinor: bigint;
  applications: ApplicationFact[];
  holds: HoldFact[];
};

export type PayoutFact = {
  payoutId: string;
  amountMinor: bigint;
  arrivalDay: number;
  createdMs: number;
  /** When the bank credit was recognised as this payout, and its value date. */
  recognizedMs: number | null;
  recognizedDay: number | null;
  /** failed / canceled payouts never arrive. */
  lost: boolean;
};

export type ForecastFacts = { invoices: InvoiceFact[]; payouts: PayoutFact[] };
