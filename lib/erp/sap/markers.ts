// How a Cashline receipt is recognisable in SAP journal entries. SAP's journal entry has no "receipt" or
// "application" object: a payment is a DZ document (bank G/L debit, credit items) and applications are its credit
// items, so Cashline tags its items in DocumentItemText (50 characters) and keeps the receipt number in
// DocumentReferenceID (16) and invoice numbers in AssignmentReference (18) — the fields SAP meant for references.
// The simulator's normalised ledger reads the same tags.
import type { ErpApplicationType } from "../posting.ts";

export const PAYMENT_DOCUMENT_TYPE = "DZ"; // customer payment
export const INVOICE_DOCUMENT_TYPE = "DR"; // customer invoice
export const ADJUSTMENT_DOCUMENT_TYPE = "AB"; // re-application (unapply/apply) of a receipt
export const ADJUSTMENT_HEADER = "CL:ADJ";

export const bankText = (bankAccount: string) => `CL:BANK:${bankAccount}`.slice(0, 50);
export const applicationText = (type: ErpApplicationType, writeOffReason?: string | null) =>
  (type === "WRITE_OFF" && writeOffReason ? `CL:WRITE_OFF:${writeOffReason}` : `CL:${type}`).slice(0, 50);
export const REMAINDER_TEXT = "CL:REMAINDER";
export const reversalText = (itemId: string) => `CL:REV:${itemId}`;

export type ItemTag =
  | { kind: "bank"; bankAccount: string }
  | { kind: "application"; type: ErpApplicationType; writeOffReason: string | null }
  | { kind: "remainder" }
  | { kind: "reversal"; itemId: string }
  | { kind: "other" };

export function readTag(text: string | null | undefined): ItemTag {
  const t = text ?? "";
  if (t.startsWith("CL:BANK:")) return { kind: "bank", bankAccount: t.slice(8) };
  if (t === REMAINDER_TEXT) return { kind: "remainder" };
  if (t.startsWith("CL:REV:")) return { kind: "reversal", itemId: t.slice(7) };
  const m = /^CL:(INVOICE|ON_ACCOUNT|UNAPPLIED|WRITE_OFF)(?::(.*))?$/.exec(t);
  if (m) return { kind: "application", type: m[1] as ErpApplicationType, writeOffReason: m[2] ?? null };
  return { kind: "other" };
}

/** SAP's key of a journal entry, and of one of its items, as Cashline stores them (erpReceiptId, application id). */
export const documentId = (companyCode: string, fiscalYear: string, accountingDocument: string) => `${companyCode}/${fiscalYear}/${accountingDocument}`;
export const itemId = (doc: string, item: string | number) => `${doc}/${String(item).padStart(3, "0")}`;
export function parseDocumentId(id: string): { companyCode: string; fiscalYear: string; accountingDocument: string } | null {
  const m = /^([^/]{1,4})\/(\d{4})\/(\d{1,10})$/.exec(id);
  return m ? { companyCode: m[1]!, fiscalYear: m[2]!, accountingDocument: m[3]!.padStart(10, "0") } : null;
}
