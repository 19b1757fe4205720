// The Cashline BC extension's custom API (lib/erp/bc/extension/*.al), as Business Central serves an extension's API
// pages: `/v2.0/{tenant}/{environment}/api/cashline/finance/v1.0/companies({id})/…`. API v2.0 has no customer-entry
// application endpoint, so the extension publishes one: page "Cashline Cust. Ledger Entries" (entity set
// customerLedgerEntries, key SystemId, `$expand=applications` = its Detailed Cust. Ledg. Entries of type Application)
// with the bound actions Microsoft.NAV.unapply (codeunit "CustEntry-Apply Posted Entries": the entry's latest
// application is unapplied) and Microsoft.NAV.apply (the open payment applied to an open invoice). A simulator
// started with `extension: false` answers 404 for these paths, as BC does without the extension installed.
import { createHash } from "node:crypto";
import { z } from "zod";
import { decimal, decimalText } from "../../erp/bc/json.ts";
import { fromMinor, toMinor } from "../../money/money.ts";
import { BcError, bodyOf, dialog, matches, notFound, page, parseFilter } from "./odata.ts";
import { resolveCurrency, settleInvoice, tick, type BcState, type Company, type CustApplication, type LedgerEntry } from "./state.ts";
import type { BcRequest, BcResponse } from "./routes.ts";

/** The entry's SystemId: stable per company and entry number (BC assigns a GUID when the entry is inserted). */
export function entrySystemId(c: Company, entryNumber: number): string {
  const h = createHash("sha1").update(`${c.id}:${entryNumber}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const cur = (c: Company, e: LedgerEntry) => resolveCurrency(c, e.currencyCode);
const liveOf = (c: Company, e: LedgerEntry) => c.applications.filter((a) => a.custLedgerEntryNumber === e.entryNumber && !a.unapplied);

/** A payment entry's remaining amount (negative, as BC shows it): its amount less what is applied and not unapplied. */
export function remainingOf(c: Company, e: LedgerEntry): bigint {
  if (e.documentType !== "Payment") return e.open ? toMinor(e.amount, cur(c, e)) : 0n;
  if (e.source !== "api") return 0n; // payments entered in BC by the simulator's /pay are fully applied
  return toMinor(e.amount, cur(c, e)) + liveOf(c, e).reduce((s, a) => s + toMinor(a.amount, cur(c, e)), 0n);
}

const applicationView = (a: CustApplication) => ({
  entryNumber: a.entryNumber, custLedgerEntryNumber: a.custLedgerEntryNumber, appliedToDocumentNumber: a.appliedToDocumentNumber,
  amount: decimal(a.amount), postingDate: a.postingDate, documentNumber: a.documentNumber, unapplied: a.unapplied,
});
const entryView = (c: Company, e: LedgerEntry, expand: boolean) => ({
  id: entrySystemId(c, e.entryNumber), entryNumber: e.entryNumber, documentType: e.documentType, documentNumber: e.documentNumber,
  externalDocumentNumber: e.externalDocumentNumber, customerNumber: e.customerNumber, description: e.description, postingDate: e.postingDate,
  currencyCode: e.currencyCode, amount: decimal(e.amount), remainingAmount: decimal(fromMinor(remainingOf(c, e), cur(c, e))), open: e.open,
  lastModifiedDateTime: e.lastModifiedDateTime,
  ...(expand ? { applications: c.applications.filter((a) => a.custLedgerEntryNumber === e.entryNumber).map(applicationView) } : {}),
});
const entryRow = (e: LedgerEntry) => ({ entryNumber: String(e.entryNumber), documentType: e.documentType, documentNumber: e.documentNumber, customerNumber: e.customerNumber, open: String(e.open) });

const actionDate = z.object({ postingDate: z.iso.date() }).strict();
const applyBody = z.object({ appliesToDocumentNumber: z.string().min(1).max(20), amountToApply: z.string().refine((v) => { try { decimalText(v, "x"); return true; } catch { return false; } }, "must be a decimal number"), postingDate: z.iso.date() }).strict();

/** codeunit 226's own texts (NotAllowedPostingDatesErr, MustNotBeBeforeErr) for a date outside the allowed range. */
function checkActionDate(c: Company, date: string, notBefore: string): void {
  if ((c.allowPostingFrom && date < c.allowPostingFrom) || (c.allowPostingTo && date > c.allowPostingTo)) throw dialog("Posting date is not within the range of allowed posting dates.");
  if (date < notBefore) throw dialog("The posting date entered must not be before the posting date on the Cust. Ledger Entry.");
}

export function handleCashlineApi(state: BcState, c: Company, req: BcRequest, r: string, key: string | undefined): BcResponse {
  const entry = () => {
    const e = c.entries.find((x) => entrySystemId(c, x.entryNumber) === key);
    if (!e) throw notFound();
    return e;
  };
  switch (r) {
    case "GET customerLedgerEntries": {
      const expand = (req.url.searchParams.get("$expand") ?? "").split(",").map((s) => s.trim()).includes("applications");
      const clauses = parseFilter(req.url.searchParams.get("$filter"));
      return { status: 200, committed: false, body: page(c.entries.filter((e) => matches(entryRow(e), clauses)).map((e) => entryView(c, e, expand)), req.url, req.prefer, req.maxPageSize, req.origin) };
    }
    case "GET customerLedgerEntries(id)": return { status: 200, committed: false, body: entryView(c, entry(), true) };
    case "POST customerLedgerEntries(id)/Microsoft.NAV.unapply": {
      // CheckCustLedgEntryToUnapply + PostUnApplyCustomerCommit: the entry's LAST application is unapplied.
      const e = entry();
      const { postingDate } = bodyOf(actionDate, req.body);
      const last = liveOf(c, e).sort((a, b) => b.entryNumber - a.entryNumber)[0];
      if (!last) throw dialog(`Cust. Ledger Entry No. ${e.entryNumber} does not have an application entry.`);
      checkActionDate(c, postingDate, last.postingDate);
      const invoice = c.invoices.find((i) => i.number === last.appliedToDocumentNumber && i.status !== "Draft");
      if (!invoice) throw dialog(`Cust. Ledger Entry No. ${e.entryNumber} does not have an application entry.`);
      last.unapplied = true;
      last.unappliedPostingDate = postingDate;
      settleInvoice(state, c, invoice, -toMinor(last.amount, cur(c, e))); // re-opens the invoice
      invoice.status = "Open";
      const invoiceEntry = c.entries.find((x) => x.documentType === "Invoice" && x.documentNumber === invoice.number);
      if (invoiceEntry) { invoiceEntry.open = true; invoiceEntry.lastModifiedDateTime = tick(state); }
      e.open = true;
      e.lastModifiedDateTime = tick(state);
      return { status: 204, committed: true };
    }
    case "POST customerLedgerEntries(id)/Microsoft.NAV.apply": {
      const e = entry();
      const b = bodyOf(applyBody, req.body);
      if (e.documentType !== "Payment" || !e.open) throw dialog("One or more of the entries that you selected is closed. You cannot apply closed entries.");
      const amount = toMinor(b.amountToApply, cur(c, e));
      const invoice = c.invoices.find((i) => i.number === b.appliesToDocumentNumber && i.status !== "Draft");
      if (!invoice || invoice.customerNumber !== e.customerNumber) throw dialog(`The invoice ${b.appliesToDocumentNumber} to apply to does not exist for customer ${e.customerNumber}.`);
      if (invoice.status !== "Open") throw dialog("One or more of the entries that you selected is closed. You cannot apply closed entries.");
      if (amount <= 0n || amount > -remainingOf(c, e)) throw dialog(`The amount to apply ${b.amountToApply} must be positive and at most the remaining amount ${fromMinor(-remainingOf(c, e), cur(c, e))} of Cust. Ledger Entry No. ${e.entryNumber}.`);
      if (amount > toMinor(invoice.remainingAmount, cur(c, e))) throw dialog(`The amount to apply ${b.amountToApply} exceeds the remaining amount ${invoice.remainingAmount} of invoice ${invoice.number}.`);
      checkActionDate(c, b.postingDate, e.postingDate > invoice.postingDate ? e.postingDate : invoice.postingDate);
      c.applications.push({
        entryNumber: c.nextDetailedEntryNumber++, custLedgerEntryNumber: e.entryNumber, appliedToDocumentNumber: invoice.number, amount: fromMinor(amount, cur(c, e)),
        postingDate: b.postingDate, documentNumber: e.documentNumber, unapplied: false, unappliedPostingDate: null,
      });
      settleInvoice(state, c, invoice, amount);
      e.open = remainingOf(c, e) !== 0n;
      e.lastModifiedDateTime = tick(state);
      return { status: 204, committed: true };
    }
    default:
      if (r.startsWith("GET customerLedgerEntries") || r.startsWith("POST customerLedgerEntries")) throw notFound();
      throw new BcError(404, "BadRequest_NotFound", `No HTTP resource was found that matches the request URI '${req.url.pathname}'.`);
  }
}
