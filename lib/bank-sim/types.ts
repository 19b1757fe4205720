// What the bank simulator (and tests) write into statement files: statements of signed lines with balances.
// Money in minor units; dates ISO (YYYY-MM-DD).
import { fromMinor } from "../money/money.ts";
export type SimChannel = "ACH" | "WIRE" | "CHECK" | "SEPA";

export type SimLine = {
  amountMinor: bigint;
  valueDate: string;
  bankReference: string;
  customerReference?: string;
  counterpartyName?: string;
  counterpartyAccount?: string;
  remittance?: string;
  channel?: SimChannel;
};

export type SimStatement = {
  id: string;
  account: string;
  currency: string;
  openingMinor: bigint;
  openingDate: string;
  closingDate: string;
  lines: SimLine[];
};

export const closingOf = (s: SimStatement) => s.lines.reduce((sum, l) => sum + l.amountMinor, s.openingMinor);

export const abs = (n: bigint) => (n < 0n ? -n : n);

/** The unsigned amount as the file writes it: 12345n EUR -> "123.45" (MT940 wants "123,45"). */
export const decimal = (minor: bigint, currency: string, separator = ".") => fromMinor(abs(minor), currency).replace(".", separator);

/** "2026-11-02" -> "261102". */
export const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);

export const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
