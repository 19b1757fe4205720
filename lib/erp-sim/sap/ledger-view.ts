// GET /__sim/ledger: the vendor-native view (journal entries with items, business partners, the clearing message
// log) plus the normalised `receipts` every ERP simulator reports, so the cross-ERP exactly-once suite and the
// benchmark count bookings alike. A receipt = a payment document with Cashline's bank item; its applications are
// the tagged credit items of that document and of its re-application (AB) documents; reversed = counter-posted.
import { ADJUSTMENT_DOCUMENT_TYPE, ADJUSTMENT_HEADER, documentId, itemId, readTag } from "../../erp/sap/markers.ts";
import type { FaultStats } from "../faults.ts";
import { decimal, minor, type SapDoc, type SapState } from "./state.ts";

export type NormalisedApplication = { id: string; type: "INVOICE" | "ON_ACCOUNT" | "WRITE_OFF" | "UNAPPLIED"; invoiceNumber: string | null; amount: string; reversed: boolean };
export type NormalisedReceipt = {
  id: string; receiptNumber: string; entity: string; currency: string; amount: string; customerAccount: string | null; date: string;
  applications: NormalisedApplication[];
};

export function normalisedReceipts(state: SapState): NormalisedReceipt[] {
  const receipts: NormalisedReceipt[] = [];
  // Each receipt's adjustment (AB) documents, grouped once rather than searched for per receipt.
  const adjustments = new Map<string, SapDoc[]>();
  for (const d of state.docs) {
    if (d.documentType !== ADJUSTMENT_DOCUMENT_TYPE || d.headerText !== ADJUSTMENT_HEADER) continue;
    const key = `${d.companyCode}\u0000${d.referenceId}`;
    const list = adjustments.get(key);
    if (list) list.push(d); else adjustments.set(key, [d]);
  }
  for (const doc of state.docs) {
    const bank = doc.items[0];
    if (!bank || readTag(bank.text).kind !== "bank") continue;
    const family = [doc, ...(adjustments.get(`${doc.companyCode}\u0000${doc.referenceId}`) ?? [])];
    const reversed = new Set(family.flatMap((d) => d.items.map((i) => readTag(i.text)).flatMap((t) => (t.kind === "reversal" ? [t.itemId] : []))));
    const applications = family.flatMap((d) => d.items.flatMap((i): NormalisedApplication[] => {
      const tag = readTag(i.text);
      if (tag.kind !== "application") return [];
      const id = itemId(documentId(d.companyCode, d.fiscalYear, d.accountingDocument), i.item);
      const amount = minor(i.amount, d.currency);
      return [{ id, type: tag.type, invoiceNumber: tag.type === "INVOICE" ? i.assignment : null, amount: decimal(amount < 0n ? -amount : amount, d.currency), reversed: reversed.has(id) }];
    }));
    receipts.push({
      id: documentId(doc.companyCode, doc.fiscalYear, doc.accountingDocument), receiptNumber: doc.referenceId ?? "", entity: doc.companyCode,
      currency: doc.currency, amount: bank.amount, customerAccount: bank.assignment, date: doc.postingDate, applications,
    });
  }
  return receipts;
}

export function ledgerSnapshot(state: SapState, extra: { faultStats: FaultStats; requests: number; tokensIssued: number }) {
  const receipts = normalisedReceipts(state);
  return {
    receipts,
    journalEntries: state.docs,
    businessPartners: state.partners,
    clearingMessages: state.messageLog,
    closedPeriods: state.closedPeriods,
    counts: {
      receipts: receipts.length,
      applications: receipts.reduce((s, r) => s + r.applications.length, 0),
      liveApplications: receipts.reduce((s, r) => s + r.applications.filter((a) => !a.reversed).length, 0),
      journalEntries: state.docs.length,
      clearings: Object.keys(state.processedMessages).length,
      businessPartners: state.partners.length,
    },
    requests: { erp: extra.requests, tokensIssued: extra.tokensIssued },
    faultStats: extra.faultStats,
  };
}
export type SapLedgerSnapshot = ReturnType<typeof ledgerSnapshot>;
