// SWIFT MT940 (end-of-day statement, :60F:/:62F: balances) and MT942 (intraday report: :34F: floor, :13D:
// time, :90D:/:90C: sums, no balances). :61: lines carry the customer reference // bank reference, :86: the
// counterparty and remittance in German GVC subfields.
import { abs, closingOf, decimal, yymmdd, type SimLine, type SimStatement } from "./types.ts";

const amount = (minor: bigint, currency: string) => decimal(minor, currency, ",");
const TYPE: Record<string, string> = { SEPA: "NTRF", WIRE: "S103", ACH: "NTRF", CHECK: "NCHK" };

function lines(s: SimStatement): string {
  return s.lines.map((l) => {
    const date = yymmdd(l.valueDate);
    const details = [`?00${l.amountMinor >= 0n ? "GUTSCHRIFT" : "LASTSCHRIFT"}`, l.remittance ? `?20SVWZ+${l.remittance}` : "",
      l.counterpartyAccount ? `?31${l.counterpartyAccount}` : "", l.counterpartyName ? `?32${l.counterpartyName}` : ""].join("");
    return `:61:${date}${date.slice(2)}${l.amountMinor < 0n ? "D" : "C"}${amount(l.amountMinor, s.currency)}${TYPE[l.channel ?? "SEPA"]}${l.customerReference ?? "NONREF"}//${l.bankReference}\n`
      + `:86:${l.amountMinor >= 0n ? "166" : "105"}${details}\n`;
  }).join("");
}

const balance = (tag: string, minor: bigint, date: string, currency: string) => `:${tag}:${minor < 0n ? "D" : "C"}${yymmdd(date)}${currency}${amount(minor, currency)}\n`;

export function writeMt940(s: SimStatement, sequence = 1): string {
  return `:20:${s.id}\n:25:${s.account}\n:28C:${sequence}/1\n` + balance("60F", s.openingMinor, s.openingDate, s.currency)
    + lines(s) + balance("62F", closingOf(s), s.closingDate, s.currency) + "-\n";
}

/** `at` is the report's local date-time, e.g. "2026-11-02T10:15:00+01:00". */
export function writeMt942(s: SimStatement, at: string, sequence = 1): string {
  const sum = (credit: boolean) => s.lines.filter((l) => (l.amountMinor >= 0n) === credit);
  const total = (ls: SimLine[]) => ls.reduce((t, l) => t + abs(l.amountMinor), 0n);
  const debits = sum(false), credits = sum(true);
  const time = `${yymmdd(at.slice(0, 10))}${at.slice(11, 13)}${at.slice(14, 16)}${at.slice(19, 22).replace(":", "")}${at.slice(23, 25)}`;
  return `:20:${s.id}\n:25:${s.account}\n:28C:${sequence}/1\n:34F:${s.currency}C0,\n:13D:${time}\n` + lines(s)
    + `:90D:${debits.length}${s.currency}${amount(total(debits), s.currency)}\n:90C:${credits.length}${s.currency}${amount(total(credits), s.currency)}\n-\n`;
}
