// Pure: the journal entry for a receipt and its live applications. Always balanced:
//   Dr bank (cash received) + Dr write-offs of shortfalls = Cr receivables (invoices cleared)
//                                                        + Cr unapplied cash (on account / not yet applied)
//                                                        + Cr other income (small overpayments written off)
//                                                        + Cr refunds payable (cash going back to the payer)
// Deductions only document why an invoice stays open: they move no money.
import { GL } from "./gl-accounts.ts";

export type JournalApplication = { kind: "INVOICE" | "ON_ACCOUNT" | "WRITE_OFF" | "DEDUCTION"; amountMinor: bigint; reasonCode?: string | null; invoiceNumber?: string | null };
export type JournalLineDraft = { account: string; debitMinor: bigint; creditMinor: bigint; description: string };

/** A refund to the payer is carried as a WRITE_OFF application with this reason code (the ERP's refund activity). */
export const REFUND_REASON_CODE = "refund";

export const SHORTFALL_REASONS = new Set(["bank_charge", "small_balance", "discount"]);

export function buildReceiptJournal(receipt: { amountMinor: bigint; bankGlAccount: string }, applications: JournalApplication[]): JournalLineDraft[] {
  const lines: JournalLineDraft[] = [{ account: receipt.bankGlAccount, debitMinor: receipt.amountMinor, creditMinor: 0n, description: "Cash received" }];
  let credited = 0n;
  let debitedExtra = 0n;
  for (const a of applications) {
    if (a.amountMinor <= 0n) throw new Error(`application amounts are positive; got ${a.amountMinor} for ${a.kind}`);
    if (a.kind === "INVOICE") {
      lines.push({ account: GL.receivables, debitMinor: 0n, creditMinor: a.amountMinor, description: `Receivable ${a.invoiceNumber ?? ""}`.trim() });
      credited += a.amountMinor;
    } else if (a.kind === "ON_ACCOUNT") {
      lines.push({ account: GL.unappliedCash, debitMinor: 0n, creditMinor: a.amountMinor, description: "On account (unapplied cash held for the customer)" });
      credited += a.amountMinor;
    } else if (a.kind === "WRITE_OFF" && SHORTFALL_REASONS.has(a.reasonCode ?? "")) {
      const account = a.reasonCode === "bank_charge" ? GL.bankCharges : GL.smallBalanceWriteOff;
      lines.push({ account, debitMinor: a.amountMinor, creditMinor: 0n, description: `Write-off (${a.reasonCode})` });
      debitedExtra += a.amountMinor;
    } else if (a.kind === "WRITE_OFF" && a.reasonCode === REFUND_REASON_CODE) {
      lines.push({ account: GL.refundsPayable, debitMinor: 0n, creditMinor: a.amountMinor, description: "Refund to payer (refunds payable)" });
      credited += a.amountMinor;
    } else if (a.kind === "WRITE_OFF") {
      lines.push({ account: GL.otherIncome, debitMinor: 0n, creditMinor: a.amountMinor, description: `Write-off (${a.reasonCode ?? "small_overpayment"})` });
      credited += a.amountMinor;
    }
  }
  const rest = receipt.amountMinor + debitedExtra - credited;
  if (rest < 0n) throw new Error(`applications exceed the receipt by ${-rest} minor units`);
  if (rest > 0n) lines.push({ account: GL.unappliedCash, debitMinor: 0n, creditMinor: rest, description: "Unapplied cash" });
  return lines;
}

export function isBalanced(lines: JournalLineDraft[]): boolean {
  const d = lines.reduce((s, l) => s + l.debitMinor, 0n);
  const c = lines.reduce((s, l) => s + l.creditMinor, 0n);
  return d === c;
}
