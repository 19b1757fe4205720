// Journal Entry – Post (Synchronous), inbound service JournalEntryCreateRequestConfirmation_In (SAP_COM_0002):
// a JournalEntryBulkCreateRequest with one or more JournalEntryCreateRequest, each answered in the confirmation by
// an AccountingDocument (or 0000000000) and a Log of TypeID / SeverityCode / Note items. Business errors are a 200
// with severity 3 in the Log, as SAP answers them; only a message the runtime cannot read is a SOAP fault.
import { isCurrency } from "../../money/money.ts";
import { child, children, el, leaf, SAP_SFIN_NS, text, type Raw, type XmlEl } from "../../erp/sap/xml.ts";
import {
  closedPeriodNote, decimal, findPartner, isPeriodOpen, minor, nextDocumentNumber, nowIso, type SapDoc, type SapItem, type SapState,
} from "./state.ts";
import { SoapFault } from "./soap-fault.ts";

type LogItem = { TypeID: string; SeverityCode: "1" | "2" | "3"; Note: string };
class PostingError extends Error { constructor(readonly log: LogItem[]) { super(log.map((l) => l.Note).join("; ")); } }
const err = (TypeID: string, Note: string): LogItem => ({ TypeID, SeverityCode: "3", Note });

export function handleJournalEntryPost(state: SapState, request: XmlEl): { xml: Raw; committed: boolean } {
  if (request.name !== "JournalEntryBulkCreateRequest") throw new SoapFault(`unexpected request root <${request.name}>; expected JournalEntryBulkCreateRequest`);
  const bulkId = text(request, "MessageHeader/ID");
  if (!bulkId) throw new SoapFault("MessageHeader/ID is required");
  const requests = children(request, "JournalEntryCreateRequest");
  if (requests.length === 0) throw new SoapFault("at least one JournalEntryCreateRequest is required");
  let committed = false;
  const confirmations = requests.map((r) => {
    const subId = text(r, "MessageHeader/ID");
    try {
      const doc = postOne(state, child(r, "JournalEntry"));
      committed = true;
      const note = `Document posted successfully: BKPFF ${doc.accountingDocument}${doc.companyCode}${doc.fiscalYear} ${doc.companyCode}`;
      return confirmation(subId, doc.accountingDocument, doc.companyCode, doc.fiscalYear, [{ TypeID: "614(RW)", SeverityCode: "1", Note: note }]);
    } catch (e) {
      if (!(e instanceof PostingError)) throw e;
      const companyCode = text(r, "JournalEntry/CompanyCode") ?? "";
      return confirmation(subId, "0000000000", companyCode, "0000", [err("609(RW)", "Error in document: BKPFF $ SIMCLNT100"), ...e.log]);
    }
  });
  const xml = el("n0:JournalEntryBulkCreateConfirmation", { "xmlns:n0": SAP_SFIN_NS },
    el("MessageHeader", null, leaf("ID", crypto.randomUUID().replace(/-/g, "")), leaf("ReferenceID", bulkId), leaf("CreationDateTime", nowIso())),
    confirmations);
  return { xml, committed };
}

function confirmation(refId: string | null, doc: string, companyCode: string, year: string, log: LogItem[]): Raw {
  const max = log.reduce((m, l) => (l.SeverityCode > m ? l.SeverityCode : m), "1");
  return el("JournalEntryCreateConfirmation", null,
    el("MessageHeader", null, leaf("ID", crypto.randomUUID().replace(/-/g, "")), leaf("ReferenceID", refId), leaf("CreationDateTime", nowIso())),
    el("JournalEntryCreateConfirmation", null, leaf("AccountingDocument", doc), leaf("CompanyCode", companyCode), leaf("FiscalYear", year)),
    el("Log", null, leaf("MaximumLogItemSeverityCode", max),
      log.map((l) => el("Item", null, leaf("TypeID", l.TypeID), leaf("SeverityCode", l.SeverityCode), leaf("Note", l.Note)))));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// Field lengths of the underlying BKPF/BSEG fields: SAP truncates nothing silently, it refuses.
const LIMITS: Record<string, number> = { DocumentReferenceID: 16, DocumentHeaderText: 25, DocumentItemText: 50, AssignmentReference: 18 };

function postOne(state: SapState, je: XmlEl | null): SapDoc {
  if (!je) throw new PostingError([err("001(FINS_FI_MISC)", "JournalEntry is missing")]);
  const log: LogItem[] = [];
  const f = (name: string) => text(je, name);
  const companyCode = f("CompanyCode");
  const documentType = f("AccountingDocumentType");
  const documentDate = f("DocumentDate");
  const postingDate = f("PostingDate");
  if (!companyCode || companyCode.length > 4) log.push(err("165(F5)", `Company code ${companyCode ?? "(empty)"} is not valid`));
  if (!documentType) log.push(err("814(F5)", "Document type is missing"));
  for (const [n, v] of [["DocumentDate", documentDate], ["PostingDate", postingDate]] as const) if (!v || !DATE.test(v)) log.push(err("016(FINS_FI_MISC)", `${n} ${v ?? "(empty)"} is not a valid date`));
  for (const [n, max] of Object.entries(LIMITS)) if ((f(n) ?? "").length > max) log.push(err("017(FINS_FI_MISC)", `${n} is longer than ${max} characters`));
  if (log.length) throw new PostingError(log);

  // Items are numbered in ReferenceDocumentItem order, whichever element (Item, DebtorItem) carries them.
  const raw = [...children(je, "Item").map((i) => ({ i, type: "S" as const })), ...children(je, "DebtorItem").map((i) => ({ i, type: "D" as const }))]
    .sort((a, b) => Number(text(a.i, "ReferenceDocumentItem") ?? 0) - Number(text(b.i, "ReferenceDocumentItem") ?? 0));
  // message class FINS_FI_POSTING_IF (posting interface) where SAP has the message; see README "Message numbers"
  if (raw.length === 0) throw new PostingError([err("008(FINS_FI_POSTING_IF)", "Item information missing")]);
  if (raw.length < 2) throw new PostingError([err("400(FINS_ACDOC_POST)", "A journal entry needs at least two items")]);
  const currencyOf = raw.map(({ i }) => child(i, "AmountInTransactionCurrency")?.attrs.currencyCode ?? "");
  const missing = currencyOf.findIndex((c) => c === "");
  if (missing >= 0) throw new PostingError([err("007(FINS_FI_POSTING_IF)", `Transaction currency in item ${missing + 1} missing`)]);
  const other = currencyOf.findIndex((c) => c !== currencyOf[0]);
  if (other >= 0) throw new PostingError([err("005(FINS_FI_POSTING_IF)", `Transaction currencies in item 1 and item ${other + 1} differ`)]);
  const currency = currencyOf[0]!;
  if (!isCurrency(currency)) throw new PostingError([err("006(FINS_FI_MISC)", `Currency ${currency} is not a valid transaction currency`)]);
  if (!isPeriodOpen(state, companyCode!, postingDate!)) throw new PostingError([err("201(F5)", closedPeriodNote(postingDate!))]);

  const now = nowIso();
  let balance = 0n;
  const items: SapItem[] = raw.map(({ i, type }, n) => {
    const amountText = text(i, "AmountInTransactionCurrency") ?? "";
    let amount: bigint;
    try { amount = minor(amountText, currency); } catch (e) { throw new PostingError([err("007(FINS_FI_MISC)", `Item ${n + 1}: amount ${amountText}: ${(e as Error).message}`)]); }
    const dc = text(i, "DebitCreditCode");
    if ((dc === "S" && amount <= 0n) || (dc === "H" && amount >= 0n) || (dc !== "S" && dc !== "H")) {
      throw new PostingError([err("008(FINS_FI_MISC)", `Item ${n + 1}: DebitCreditCode ${dc ?? "(empty)"} does not match the sign of ${amountText} (S = positive debit, H = negative credit)`)]);
    }
    balance += amount;
    const customer = type === "D" ? text(i, "Debtor") : null;
    const glAccount = type === "S" ? text(i, "GLAccount") : null;
    if (type === "S" && !glAccount) throw new PostingError([err("101(F5)", `Item ${n + 1}: G/L account is missing`)]);
    if (type === "D") {
      const partner = customer ? findPartner(state, customer) : undefined;
      if (!partner) throw new PostingError([err("152(F5)", `Customer ${customer ?? "(empty)"} does not exist`)]);
      if (!partner.companyCodes.includes(companyCode!)) throw new PostingError([err("102(F5)", `Customer ${customer} is not defined in company code ${companyCode}`)]);
    }
    const dueDate = text(i, "DueCalculationBaseDate");
    return {
      item: n + 1, accountType: type, glAccount, customer, amount: decimal(amount, currency), text: text(i, "DocumentItemText"),
      assignment: text(i, "AssignmentReference"), dueDate: dueDate && DATE.test(dueDate) ? dueDate : null,
      clearingDocument: null, clearingDate: null, lastChange: now,
    };
  });
  if (balance !== 0n) throw new PostingError([err("702(F5)", `Balance in transaction currency ${currency}: ${decimal(balance, currency)}; the debit and credit items do not balance`)]);
  const fiscalYear = postingDate!.slice(0, 4);
  const doc: SapDoc = {
    companyCode: companyCode!, fiscalYear, accountingDocument: nextDocumentNumber(state, companyCode!, fiscalYear, documentType!), documentType: documentType!,
    referenceId: f("DocumentReferenceID"), headerText: f("DocumentHeaderText"), documentDate: documentDate!, postingDate: postingDate!,
    currency, createdAt: now, items,
  };
  state.docs.push(doc);
  return doc;
}
