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
  return journalEntriesPostEnvelope([{ je, key }]);
}

/** Several journal entries in one JournalEntryBulkCreateRequest, each with its own message ID (derived from its key). */
export function journalEntriesPostEnvelope(entries: { je: JournalEntryInput; key: string }[]): string {
  const now = new Date().toISOString();
  const header = (id: string) => el("MessageHeader", null, leaf("ID", id), leaf("CreationDateTime", now));
  const one = ({ je, key }: { je: JournalEntryInput; key: string }) => {
    const amount = (i: JeItem) => leaf("AmountInTransactionCurrency", i.amount, { currencyCode: je.currency });
    const dc = (i: JeItem) => leaf("DebitCreditCode", i.amount.startsWith("-") ? "H" : "S");
    const items = je.items.map((i, n) => i.kind === "gl"
      ? el("Item", null, leaf("ReferenceDocumentItem", String(n + 1)), leaf("GLAccount", i.account), amount(i), dc(i), leaf("DocumentItemText", i.text), leaf("AssignmentReference", i.assignment))
      : el("DebtorItem", null, leaf("ReferenceDocumentItem", String(n + 1)), leaf("Debtor", i.account), amount(i), dc(i), leaf("DocumentItemText", i.text), leaf("AssignmentReference", i.assignment), leaf("DueCalculationBaseDate", i.dueDate)));
    return el("JournalEntryCreateRequest", null, header(messageId(key)),
      el("JournalEntry", null,
        leaf("OriginalReferenceDocumentType", "BKPFF"), leaf("BusinessTransactionType", "RFBU"), leaf("AccountingDocumentType", je.documentType),
        leaf("DocumentReferenceID", je.referenceId), leaf("DocumentHeaderText", je.headerText), leaf("CompanyCode", je.companyCode),
        leaf("DocumentDate", je.documentDate), leaf("PostingDate", je.postingDate), items));
  };
  return soapEnvelope(el("sfin:JournalEntryBulkCreateRequest", { "xmlns:sfin": SAP_SFIN_NS },
    header(messageId(`${entries.map((e) => e.key).join(",")}:bulk`)), entries.map(one)));
}

export type PostConfirmation = { accountingDocument: string; companyCode: string; fiscalYear: string };

/** Reads the confirmation; a refused posting (no document) throws the Log's error notes as a permanent error. */
export function readPostConfirmation(xml: string, what: string): PostConfirmation {
  const [only] = readPostConfirmations(xml, [{ what, key: null }]);
  if (only instanceof Error) throw only;
  return only!;
}

/**
 * Each entry's confirmation of a bulk post, in the order of `entries`: found by the sub-message's ReferenceID (our
 * message ID), else by position. A refused entry (no document) is an ErpPermanentError with the Log's error notes.
 */
export function readPostConfirmations(xml: string, entries: { what: string; key: string | null }[]): (PostConfirmation | ErpPermanentError)[] {
  let root;
  try {
    root = soapBody(parseXml(xml));
  } catch (e) {
    if (e instanceof XmlError) throw new ErpPermanentError("bad_response", `${entries[0]?.what ?? "journal entry"}: unreadable SAP confirmation (${e.message})`);
    throw e;
  }
  const confs = children(root, "JournalEntryCreateConfirmation");
  const byRef = new Map(confs.map((c) => [text(c, "MessageHeader/ReferenceID") ?? "", c]));
  return entries.map(({ what, key }, i) => {
    const conf = (key !== null ? byRef.get(messageId(key)) : undefined) ?? confs[i] ?? null;
    if (!conf) return new ErpPermanentError("bad_response", `${what}: SAP's confirmation has no answer for this journal entry`);
    const doc = text(conf, "JournalEntryCreateConfirmation/AccountingDocument");
    const log = children(child(conf, "Log"), "Item").map((l) => ({ type: text(l, "TypeID") ?? "", severity: text(l, "SeverityCode") ?? "", note: text(l, "Note") ?? "" }));
    if (!doc || /^0+$/.test(doc)) {
      const errors = log.filter((l) => l.severity === "3" || l.severity === "4");
      const specific = errors.filter((l) => !l.note.startsWith("Error in document"));
      const shown = (specific.length ? specific : errors).map((l) => `${l.note} [${l.type}]`).join("; ");
      return new ErpPermanentError("http", `${what}: SAP refused the journal entry: ${shown || "no document was posted"}`, { status: 200, errorCode: (specific[0] ?? errors[0])?.type });
    }
    return { accountingDocument: doc, companyCode: text(conf, "JournalEntryCreateConfirmation/CompanyCode") ?? "", fiscalYear: text(conf, "JournalEntryCreateConfirmation/FiscalYear") ?? "" };
  });
}

export type ClearingItem = { companyCode: string; customer: string; fiscalYear: string; accountingDocument: string; item: string; partialAmount?: string | null };

export type ClearingMessage = { companyCode: string; postingDate: string; currency: string; messageId: string; items: ClearingItem[] };

export function clearingEnvelope(c: ClearingMessage): string {
  return clearingsEnvelope([c]);
}

/** Several clearings in one JournalEntryBulkClearingRequest; SAP processes each once per its own message ID. */
export function clearingsEnvelope(messages: ClearingMessage[]): string {
  const now = new Date().toISOString();
  return soapEnvelope(el("sfin:JournalEntryBulkClearingRequest", { "xmlns:sfin": SAP_SFIN_NS },
    el("MessageHeader", null, leaf("ID", messages.length === 1 ? `B${messages[0]!.messageId}`.slice(0, 35) : `B${messageId(messages.map((m) => m.messageId).join(","))}`), leaf("CreationDateTime", now), leaf("TestDataIndicator", "false")),
    messages.map((c) => el("JournalEntryClearingRequest", null,
      el("MessageHeader", null, leaf("ID", c.messageId), leaf("CreationDateTime", now)),
      el("JournalEntry", null,
        leaf("CompanyCode", c.companyCode), leaf("AccountingDocumentType", "DZ"), leaf("DocumentDate", c.postingDate), leaf("PostingDate", c.postingDate),
        leaf("CurrencyCode", c.currency), leaf("DocumentHeaderText", "CL:CLEARING"),
        c.items.map((i, n) => el("APARItems", null,
          leaf("ReferenceDocumentItem", String(n + 1)), leaf("CompanyCode", i.companyCode), leaf("AccountType", "D"), leaf("APARAccount", i.customer),
          leaf("FiscalYear", i.fiscalYear), leaf("AccountingDocument", i.accountingDocument), leaf("AccountingDocumentItem", i.item),
          leaf("PartialPaymentAmtInDspCrcy", i.partialAmount ?? null, { currencyCode: c.currency }))))))));
}
