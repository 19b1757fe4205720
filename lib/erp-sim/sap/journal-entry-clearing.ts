// Journal Entry – Clearing (Asynchronous), inbound service JournalEntryBulkClearingRequest_In (SAP_COM_0002):
// fire and forget — the runtime answers 202 with no body and processes each JournalEntryClearingRequest once per
// MessageHeader ID (a redelivered ID is a duplicate and ignored). Errors only reach the message log (SAP's
// Message Dashboard); the sender sees the outcome by reading the items' ClearingAccountingDocument.
// APARItems name open items (document, item); PartialPaymentAmtInDspCrcy clears part of one item, leaving the rest
// as a new open residual item in the clearing document (same customer, assignment and due date).
import { children, text, type XmlEl } from "../../erp/sap/xml.ts";
import {
  closedPeriodNote, decimal, findDoc, isPeriodOpen, minor, nextDocumentNumber, nowIso, type SapDoc, type SapItem, type SapState,
} from "./state.ts";
import { SoapFault } from "./soap-fault.ts";

export type ClearingLine = { doc: SapDoc; item: SapItem; partial: bigint | null };
export class ClearingError extends Error {}

export function handleJournalEntryClearing(state: SapState, request: XmlEl): { committed: boolean } {
  if (request.name !== "JournalEntryBulkClearingRequest") throw new SoapFault(`unexpected request root <${request.name}>; expected JournalEntryBulkClearingRequest`);
  if (!text(request, "MessageHeader/ID")) throw new SoapFault("MessageHeader/ID is required");
  const requests = children(request, "JournalEntryClearingRequest");
  if (requests.length === 0) throw new SoapFault("at least one JournalEntryClearingRequest is required");
  let committed = false;
  for (const r of requests) {
    const messageId = text(r, "MessageHeader/ID");
    if (!messageId || messageId.length > 35) throw new SoapFault("JournalEntryClearingRequest/MessageHeader/ID is required (at most 35 characters)");
    if (state.processedMessages[messageId]) continue; // exactly once per message ID: a redelivery is a duplicate
    try {
      const clearing = processClearing(state, r);
      state.processedMessages[messageId] = clearing;
      state.messageLog.push({ messageId, status: "processed", notes: [`Clearing document ${clearing} posted`], clearingDocument: clearing, at: nowIso() });
      committed = true;
    } catch (e) {
      if (!(e instanceof ClearingError)) throw e;
      state.messageLog.push({ messageId, status: "error", notes: [e.message], clearingDocument: null, at: nowIso() });
      committed = true; // the log entry is state too
    }
  }
  return { committed };
}

function processClearing(state: SapState, r: XmlEl): string {
  const je = children(r, "JournalEntry")[0];
  const companyCode = text(je, "CompanyCode");
  const postingDate = text(je, "PostingDate");
  const currency = text(je, "CurrencyCode");
  const documentType = text(je, "AccountingDocumentType") ?? "AB";
  if (!companyCode || !postingDate || !currency) throw new ClearingError("CompanyCode, PostingDate and CurrencyCode are required");
  const lines: ClearingLine[] = children(je, "APARItems").map((a) => {
    const doc = findDoc(state, text(a, "CompanyCode") ?? companyCode, text(a, "FiscalYear") ?? "", text(a, "AccountingDocument") ?? "");
    const itemNo = Number(text(a, "AccountingDocumentItem"));
    const item = doc?.items.find((i) => i.item === itemNo);
    if (!doc || !item) throw new ClearingError(`Item ${text(a, "AccountingDocument")}/${text(a, "AccountingDocumentItem")} ${text(a, "FiscalYear")} does not exist in company code ${companyCode}`);
    if (item.accountType !== "D" || item.customer !== text(a, "APARAccount") || text(a, "AccountType") !== "D") {
      throw new ClearingError(`Item ${doc.accountingDocument}/${itemNo} is not an item of customer ${text(a, "APARAccount")}`);
    }
    const partialText = text(a, "PartialPaymentAmtInDspCrcy");
    let partial: bigint | null = null;
    if (partialText !== null) {
      try { partial = minor(partialText, currency); } catch (e) { throw new ClearingError(`PartialPaymentAmtInDspCrcy ${partialText}: ${(e as Error).message}`); }
    }
    return { doc, item, partial };
  });
  return clearItems(state, { companyCode, postingDate, currency, documentType, headerText: text(je, "DocumentHeaderText") }, lines);
}

/** Clears open customer items against each other (the cleared amounts must net to zero); returns the clearing document. */
export function clearItems(state: SapState, head: { companyCode: string; postingDate: string; currency: string; documentType: string; headerText: string | null }, lines: ClearingLine[]): string {
  if (lines.length < 2) throw new ClearingError("Clearing needs at least two open items");
  if (!isPeriodOpen(state, head.companyCode, head.postingDate)) throw new ClearingError(closedPeriodNote(head.postingDate));
  let balance = 0n;
  const residuals: SapItem[] = [];
  for (const { doc, item, partial } of lines) {
    if (item.clearingDocument) throw new ClearingError(`Item ${doc.accountingDocument}/${item.item} is already cleared (clearing document ${item.clearingDocument})`);
    if (doc.currency !== head.currency) throw new ClearingError(`Item ${doc.accountingDocument}/${item.item} is in ${doc.currency}, not ${head.currency}`);
    const amount = minor(item.amount, doc.currency);
    if (partial === null) { balance += amount; continue; }
    const signed = amount < 0n ? -partial : partial;
    if (partial <= 0n || (amount > 0n ? signed > amount : signed < amount)) {
      throw new ClearingError(`Partial payment ${decimal(partial, head.currency)} ${head.currency} exceeds the open amount ${decimal(amount < 0n ? -amount : amount, head.currency)} of item ${doc.accountingDocument}/${item.item}`);
    }
    balance += signed;
    if (signed !== amount) residuals.push({ ...item, amount: decimal(amount - signed, head.currency), text: item.text, clearingDocument: null, clearingDate: null });
  }
  if (balance !== 0n) throw new ClearingError(`Balance in transaction currency ${head.currency}: ${decimal(balance, head.currency)}; the selected items do not net to zero`);
  const now = nowIso();
  const year = head.postingDate.slice(0, 4);
  const number = nextDocumentNumber(state, head.companyCode, year, head.documentType);
  const doc: SapDoc = {
    companyCode: head.companyCode, fiscalYear: year, accountingDocument: number, documentType: head.documentType, referenceId: null,
    headerText: head.headerText, documentDate: head.postingDate, postingDate: head.postingDate, currency: head.currency, createdAt: now,
    // The residual items stay open; their technical offsets are cleared by this document itself.
    items: residuals.flatMap((r, n) => [
      { ...r, item: 2 * n + 1, lastChange: now },
      { ...r, item: 2 * n + 2, amount: decimal(-minor(r.amount, head.currency), head.currency), clearingDocument: number, clearingDate: head.postingDate, lastChange: now },
    ]),
  };
  for (const { item } of lines) { item.clearingDocument = number; item.clearingDate = head.postingDate; item.lastChange = now; }
  state.docs.push(doc);
  return number;
}
