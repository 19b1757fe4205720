// The two SOAP services of SAP_COM_0002 Cashline writes with: Journal Entry – Post (Synchronous)
// (JournalEntryCreateRequestConfirmation_In) and Journal Entry – Clearing (Asynchronous)
// (JournalEntryBulkClearingRequest_In). Builds the request envelopes and reads the post confirmation: an
// AccountingDocument, or 0000000000 with the Log's error items (SeverityCode 3) — a business refusal, permanent.
import { createHash } from "node:crypto";
import { ErpPermanentError } from "../errors.ts";
import { child, children, el, leaf, parseXml, SAP_SFIN_NS, soapBody, soapEnvelope, text, XmlError } from "./xml.ts";

export const JE_POST_PATH = "/sap/bc/srt/scs_ext/sap/journalentrycreaterequestconfi";
export const JE_POST_ACTION = "http://sap.com/xi/SAPSCORE/SFIN/JournalEntryCreateRequestConfirmation_In/JournalEntryCreateRequestConfirmation_InRequest";
export const JE_CLEARING_PATH = "/sap/bc/srt/scs_ext/sap/journalentrybulkclearingreques";
export const JE_CLEARING_ACTION = "http://sap.com/xi/SAPSCORE/SFIN/JournalEntryBulkClearingRequest_In/JournalEntryBulkClearingRequest_InRequest";

export type JeItem = {
  kind: "gl" | "debtor"; account: string; amount: string; // signed decimal: debit positive, credit negative
  text?: string | null; assignment?: string | null; dueDate?: string | null;
};
export type JournalEntryInput = {
  companyCode: string; documentType: string; documentDate: string; postingDate: string; currency: string;
  referenceId: string; headerText?: string | null; items: JeItem[];
};

/** A message ID SAP accepts (at most 35 characters), derived from our key so a retry sends the same one. */
export const messageId = (key: string) => createHash("sha256").update(key).digest("hex").slice(0, 32).toUpperCase();

export function journalEntryPostEnvelope(je: JournalEntryInput, key: string): string {
  const now = new Date().toISOString();
  const header = (id: string) => el("MessageHeader", null, leaf("ID", id), leaf("CreationDateTime", now));
  const amount = (i: JeItem) => leaf("AmountInTransactionCurrency", i.amount, { currencyCode: je.currency });
  const dc = (i: JeItem) => leaf("DebitCreditCode", i.amount.startsWith("-") ? "H" : "S");
  const items = je.items.map((i, n) => i.kind === "gl"
    ? el("Item", null, leaf("ReferenceDocumentItem", String(n + 1)), leaf("GLAccount", i.account), amount(i), dc(i), leaf("DocumentItemText", i.text), leaf("AssignmentReference", i.assignment))
    : el("DebtorItem", null, leaf("ReferenceDocumentItem", String(n + 1)), leaf("Debtor", i.account), amount(i), dc(i), leaf("DocumentItemText", i.text), leaf("AssignmentReference", i.assignment), leaf("DueCalculationBaseDate", i.dueDate)));
  return soapEnvelope(el("sfin:JournalEntryBulkCreateRequest", { "xmlns:sfin": SAP_SFIN_NS },
    header(messageId(`${key}:bulk`)),
    el("JournalEntryCreateRequest", null, header(messageId(key)),
      el("JournalEntry", null,
        leaf("OriginalReferenceDocumentType", "BKPFF"), leaf("BusinessTransactionType", "RFBU"), leaf("AccountingDocumentType", je.documentType),
        leaf("DocumentReferenceID", je.referenceId), leaf("DocumentHeaderText", je.headerText), leaf("CompanyCode", je.companyCode),
        leaf("DocumentDate", je.documentDate), leaf("PostingDate", je.postingDate), items))));
}

export type PostConfirmation = { accountingDocument: string; companyCode: string; fiscalYear: string };

/** Reads the confirmation; a refused posting (no document) throws the Log's error notes as a permanent error. */
export function readPostConfirmation(xml: string, what: string): PostConfirmation {
  let root;
  try {
    root = soapBody(parseXml(xml));
  } catch (e) {
    if (e instanceof XmlError) throw new ErpPermanentError("bad_response", `${what}: unreadable SAP confirmation (${e.message})`);
    throw e;
  }
  const conf = child(root, "JournalEntryCreateConfirmation");
  const doc = text(conf, "JournalEntryCreateConfirmation/AccountingDocument");
  const log = children(child(conf, "Log"), "Item").map((i) => ({ type: text(i, "TypeID") ?? "", severity: text(i, "SeverityCode") ?? "", note: text(i, "Note") ?? "" }));
  if (!doc || /^0+$/.test(doc)) {
    const errors = log.filter((l) => l.severity === "3" || l.severity === "4");
    const specific = errors.filter((l) => !l.note.startsWith("Error in document"));
    const shown = (specific.length ? specific : errors).map((l) => `${l.note} [${l.type}]`).join("; ");
    throw new ErpPermanentError("http", `${what}: SAP refused the journal entry: ${shown || "no document was posted"}`, { status: 200, errorCode: (specific[0] ?? errors[0])?.type });
  }
  return { accountingDocument: doc, companyCode: text(conf, "JournalEntryCreateConfirmation/CompanyCode") ?? "", fiscalYear: text(conf, "JournalEntryCreateConfirmation/FiscalYear") ?? "" };
}

export type ClearingItem = { companyCode: string; customer: string; fiscalYear: string; accountingDocument: string; item: string; partialAmount?: string | null };

export function clearingEnvelope(c: { companyCode: string; postingDate: string; currency: string; messageId: string; items: ClearingItem[] }): string {
  const now = new Date().toISOString();
  return soapEnvelope(el("sfin:JournalEntryBulkClearingRequest", { "xmlns:sfin": SAP_SFIN_NS },
    el("MessageHeader", null, leaf("ID", `B${c.messageId}`.slice(0, 35)), leaf("CreationDateTime", now), leaf("TestDataIndicator", "false")),
    el("JournalEntryClearingRequest", null,
      el("MessageHeader", null, leaf("ID", c.messageId), leaf("CreationDateTime", now)),
      el("JournalEntry", null,
        leaf("CompanyCode", c.companyCode), leaf("AccountingDocumentType", "DZ"), leaf("DocumentDate", c.postingDate), leaf("PostingDate", c.postingDate),
        leaf("CurrencyCode", c.currency), leaf("DocumentHeaderText", "CL:CLEARING"),
        c.items.map((i, n) => el("APARItems", null,
          leaf("ReferenceDocumentItem", String(n + 1)), leaf("CompanyCode", i.companyCode), leaf("AccountType", "D"), leaf("APARAccount", i.customer),
          leaf("FiscalYear", i.fiscalYear), leaf("AccountingDocument", i.accountingDocument), leaf("AccountingDocumentItem", i.item),
          leaf("PartialPaymentAmtInDspCrcy", i.partialAmount ?? null, { currencyCode: c.currency })))))));
}
