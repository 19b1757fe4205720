// Cashline receipts ↔ SAP journal entries. A receipt is a DZ payment document: item 1 debits the bank's G/L
// account (tagged CL:BANK:<bank account>, Assignment = payer), then one credit item per application — INVOICE and
// ON_ACCOUNT on the customer (debtor items, the invoice number in Assignment), WRITE_OFF on the write-off G/L,
// UNAPPLIED and the unapplied remainder on the customer (payment on account) or, with no payer, a suspense G/L.
// Re-applications are AB documents with the same DocumentReferenceID (see reviseApplications).
import { fromMinor, toMinor } from "../../money/money.ts";
import { ErpPermanentError } from "../errors.ts";
import type { ErpApplicationPosting, ErpReceipt, ErpReceiptApplication } from "../posting.ts";
import {
  ADJUSTMENT_DOCUMENT_TYPE, ADJUSTMENT_HEADER, applicationText, bankText, documentId, itemId, PAYMENT_DOCUMENT_TYPE, readTag, REMAINDER_TEXT,
} from "./markers.ts";
import type { SapItemRow } from "./reads.ts";
import type { JeItem } from "./soap.ts";

export type SapAccounts = { bankGL: (bankAccount: string) => string; writeOffGL: string; unappliedGL: string; revenueGL: string };

/** Credit (sign -1) or reversing debit (sign +1) item of one application. */
export function applicationItem(a: ErpApplicationPosting, customer: string | null, currency: string, acc: SapAccounts, sign: 1n | -1n, textOverride?: string): JeItem {
  const amount = fromMinor(sign * toMinor(a.amount, currency), currency);
  const text = textOverride ?? applicationText(a.type, a.writeOffReason);
  if ((a.type === "INVOICE" || a.type === "ON_ACCOUNT") && !customer) {
    throw new ErpPermanentError("invalid_posting", `invalid ERP posting: an ${a.type} application needs the customer account (SAP posts it to the debtor)`);
  }
  if (a.type === "INVOICE") return { kind: "debtor", account: customer!, amount, text, assignment: a.invoiceNumber ?? null };
  if (a.type === "WRITE_OFF") return { kind: "gl", account: acc.writeOffGL, amount, text };
  if (customer) return { kind: "debtor", account: customer, amount, text };
  return { kind: "gl", account: acc.unappliedGL, amount, text };
}

export function remainderItem(minor: bigint, customer: string | null, currency: string, acc: SapAccounts): JeItem {
  const amount = fromMinor(minor, currency);
  return customer ? { kind: "debtor", account: customer, amount, text: REMAINDER_TEXT } : { kind: "gl", account: acc.unappliedGL, amount, text: REMAINDER_TEXT };
}

export function paymentItems(p: { amount: string; currency: string; bankAccount: string; customerAccount?: string | null; applications: ErpApplicationPosting[] }, acc: SapAccounts): JeItem[] {
  const customer = p.customerAccount ?? null;
  const items: JeItem[] = [{ kind: "gl", account: acc.bankGL(p.bankAccount), amount: p.amount, text: bankText(p.bankAccount), assignment: customer }];
  for (const a of p.applications) items.push(applicationItem(a, customer, p.currency, acc, -1n));
  const rest = toMinor(p.amount, p.currency) - p.applications.reduce((s, a) => s + toMinor(a.amount, p.currency), 0n);
  if (rest > 0n) items.push(remainderItem(-rest, customer, p.currency, acc));
  return items;
}

export type SapApplication = ErpReceiptApplication & { row: SapItemRow };
export type ReceiptFamily = { receipt: Omit<ErpReceipt, "applications"> & { applications: SapApplication[] }; rows: SapItemRow[]; reversals: Map<string, SapItemRow> };

const docOf = (r: SapItemRow) => documentId(r.CompanyCode, r.FiscalYear, r.AccountingDocument);
const idOf = (r: SapItemRow) => itemId(docOf(r), Number(r.AccountingDocumentItem));
export { idOf as sapItemId };

/** The receipts (payment documents) among items read by DocumentReferenceID, each with its re-application documents. */
export function receiptsFrom(rows: SapItemRow[]): ReceiptFamily[] {
  const payments = rows.filter((r) => r.AccountingDocumentType === PAYMENT_DOCUMENT_TYPE && Number(r.AccountingDocumentItem) === 1 && readTag(r.DocumentItemText).kind === "bank");
  return payments.map((bank) => {
    const family = rows.filter((r) => r.CompanyCode === bank.CompanyCode && r.DocumentReferenceID === bank.DocumentReferenceID
      && (docOf(r) === docOf(bank) || (r.AccountingDocumentType === ADJUSTMENT_DOCUMENT_TYPE && r.AccountingDocumentHeaderText === ADJUSTMENT_HEADER)));
    family.sort((a, b) => (docOf(a) + a.AccountingDocumentItem).localeCompare(docOf(b) + b.AccountingDocumentItem));
    const reversals = new Map<string, SapItemRow>();
    for (const r of family) { const t = readTag(r.DocumentItemText); if (t.kind === "reversal") reversals.set(t.itemId, r); }
    const currency = bank.TransactionCurrency;
    const abs = (v: string) => { const m = toMinor(v, currency); return fromMinor(m < 0n ? -m : m, currency); };
    const applications: SapApplication[] = family.flatMap((r) => {
      const t = readTag(r.DocumentItemText);
      if (t.kind !== "application") return [];
      return [{ id: idOf(r), type: t.type, invoiceNumber: t.type === "INVOICE" ? r.AssignmentReference || null : null, amount: abs(r.AmountInTransactionCurrency), writeOffReason: t.writeOffReason, reversed: reversals.has(idOf(r)), row: r }];
    });
    const live = applications.filter((a) => !a.reversed).reduce((s, a) => s + toMinor(a.amount, currency), 0n);
    const tag = readTag(bank.DocumentItemText);
    return {
      rows: family, reversals,
      receipt: {
        id: docOf(bank), receiptNumber: bank.DocumentReferenceID, date: bank.PostingDate ?? "", amount: abs(bank.AmountInTransactionCurrency), currency,
        entity: bank.CompanyCode, bankAccount: tag.kind === "bank" ? tag.bankAccount : "", customerAccount: bank.AssignmentReference || null,
        unappliedAmount: fromMinor(toMinor(bank.AmountInTransactionCurrency, currency) - live, currency), applications,
      },
    };
  });
}

/** Strips the internal rows for callers outside the adapter. */
export const publicReceipt = (f: ReceiptFamily): ErpReceipt => ({ ...f.receipt, applications: f.receipt.applications.map((a: SapApplication) => { const { row: _row, ...rest } = a; return rest; }) });
