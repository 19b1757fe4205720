// Pure: the journal of a receipt applied across currencies, in the entity's FUNCTIONAL currency:
//   Dr bank            the receipt's money at the value date's rate
//   Cr receivables     each invoice at its booking (issue-date) rate
//   Dr FX loss / Cr FX gain   the difference (realised FX), on the entity's GL accounts
// Always balanced. Lines say the original amounts and the rate, so the ERP's ledger shows both currencies.
import { fromMinor } from "../money/money.ts";
import type { JournalLineDraft } from "../posting/build-receipt-journal.ts";

export type FxJournalApplication = {
  invoiceNumber: string | null; receiptMinor: bigint; receiptCurrency: string; invoiceMinor: bigint; invoiceCurrency: string; rate: string; rateDate: string;
  functionalMinor: bigint; bookedFunctionalMinor: bigint;
};
export type FxAccounts = { bank: string; receivables: string; fxGain: string; fxLoss: string };

export function buildFxReceiptJournal(functionalCurrency: string, apps: FxJournalApplication[], accounts: FxAccounts): JournalLineDraft[] {
  if (!apps.length) throw new Error("a cross-currency journal needs at least one application");
  const lines: JournalLineDraft[] = [];
  let cash = 0n;
  let booked = 0n;
  for (const a of apps) {
    cash += a.functionalMinor;
    booked += a.bookedFunctionalMinor;
  }
  const first = apps[0]!;
  const receiptTotal = apps.reduce((s, a) => s + a.receiptMinor, 0n);
  lines.push({ account: accounts.bank, debitMinor: cash, creditMinor: 0n, description: `Cash received ${first.receiptCurrency} ${fromMinor(receiptTotal, first.receiptCurrency)} (${functionalCurrency} at value-date rate)` });
  for (const a of apps) {
    lines.push({
      account: accounts.receivables, debitMinor: 0n, creditMinor: a.bookedFunctionalMinor,
      description: `Receivable ${a.invoiceNumber ?? ""} ${a.invoiceCurrency} ${fromMinor(a.invoiceMinor, a.invoiceCurrency)} paid with ${a.receiptCurrency} ${fromMinor(a.receiptMinor, a.receiptCurrency)} at ${a.rate} (${a.rateDate})`.replace(/\s+/g, " "),
    });
  }
  const diff = cash - booked;
  if (diff > 0n) lines.push({ account: accounts.fxGain, debitMinor: 0n, creditMinor: diff, description: `Realised FX gain ${functionalCurrency} ${fromMinor(diff, functionalCurrency)}` });
  if (diff < 0n) lines.push({ account: accounts.fxLoss, debitMinor: -diff, creditMinor: 0n, description: `Realised FX loss ${functionalCurrency} ${fromMinor(-diff, functionalCurrency)}` });
  return lines;
}
