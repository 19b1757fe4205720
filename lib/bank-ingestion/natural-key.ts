// The natural key of a bank statement line: the same line seen in two statements (an MT942 intraday report and
// the MT940 of the evening; a camt.053 sent twice) gets the same key, so it is stored — and paid — once.
//   with a bank reference:  <bank account>:ref:<reference>:<signed amount>:<n>
//   without one:            <bank account>:h:<sha256 of value date, amount, counterparty, remittance, n>
// n counts identical lines earlier in the same statement, so two genuinely identical payments on one statement
// stay two lines, while the same pair in an overlapping statement maps onto them again. The amount rides along
// with the reference so a bank that reuses a reference for a different movement (a reversal) is not merged.
import crypto from "node:crypto";

export type KeyedLine = {
  amountMinor: bigint;
  valueDate: string;
  bankReference: string | null;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  remittance: string | null;
};

/** Case and spacing differ between a bank's intraday and end-of-day renderings of one line. */
export function normaliseText(s: string | null | undefined): string {
  return (s ?? "").replace(/\s+/g, " ").trim().toUpperCase();
}

/** Keys for the lines of one statement (occurrence counts are per statement). */
export class StatementLineKeys {
  private readonly seen = new Map<string, number>();

  constructor(private readonly bankAccountId: string) {}

  keyFor(line: KeyedLine): string {
    const reference = normaliseText(line.bankReference);
    if (reference) {
      const base = `${this.bankAccountId}:ref:${reference}:${line.amountMinor}`;
      return `${base}:${this.occurrence(base)}`;
    }
    const content = [line.valueDate, line.amountMinor.toString(), normaliseText(line.counterpartyName),
      normaliseText(line.counterpartyAccount), normaliseText(line.remittance)].join("\u001f");
    const digest = crypto.createHash("sha256").update(content).digest("base64url");
    const n = this.occurrence(digest);
    return `${this.bankAccountId}:h:${crypto.createHash("sha256").update(`${digest}\u001f${n}`).digest("base64url").slice(0, 32)}`;
  }

  private occurrence(key: string): number {
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    return n;
  }
}
