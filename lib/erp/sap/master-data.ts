// Master data in and invoices out: customers from API_BUSINESS_PARTNER (incremental by LastChangeDate, paged),
// receivables from the journal entry item read (open = no ClearingAccountingDocument; incremental by
// LastChangeDateTime), customers created by deep insert (CSRF-protected OData write), invoices published as DR
// journal entries through Journal Entry – Post (looked up by DocumentReferenceID first: exactly once), periods.
import { fromMinor, toMinor } from "../../money/money.ts";
import { ErpPermanentError } from "../errors.ts";
import type { ErpCustomerRecord, ErpInvoicePublication, ErpOpenItem, ErpPage, ErpPeriod } from "../adapter.ts";
import { documentId, INVOICE_DOCUMENT_TYPE } from "./markers.ts";
import { BP_SERVICE, lit, partnerLastChange, readCustomer, readItemPage, readItems, readPartnerPage, readPeriodRows, type SapItemRow } from "./reads.ts";
import type { SapAccounts } from "./receipt.ts";
import type { createSapPosting } from "./post-receipt.ts";
import type { SapTransport } from "./transport.ts";

const CUSTOMER_PAGE = 100;
const ITEM_PAGE = 200;
const cursorOf = (c: string | null | undefined) => (c && /^\d+$/.test(c) ? Number(c) : 0);

export function createSapMasterData(t: SapTransport, acc: SapAccounts, posting: ReturnType<typeof createSapPosting>, periodService: string) {
  async function readCustomers(q: { entity: string; modifiedSince: string | null; cursor?: string | null }): Promise<ErpPage<ErpCustomerRecord>> {
    const skip = cursorOf(q.cursor);
    // LastChangeDate is a date: re-reading the whole day of modifiedSince is the price of not missing anything.
    const filter = q.modifiedSince ? `LastChangeDate ge datetime'${q.modifiedSince.slice(0, 10)}T00:00:00'` : null;
    const page = await readPartnerPage(t, filter, skip, CUSTOMER_PAGE);
    const items = page.rows.filter((p) => p.to_Customer?.to_CustomerCompany?.results.some((c) => c.CompanyCode === q.entity)).map((p): ErpCustomerRecord => ({
      accountNumber: p.to_Customer!.Customer, name: p.BusinessPartnerFullName || p.OrganizationBPName1 || p.BusinessPartner, entity: q.entity,
      bankAccounts: (p.to_BusinessPartnerBank?.results ?? []).map((b) => b.IBAN || b.BankAccount).filter(Boolean), parentAccountNumber: null,
      lastModified: partnerLastChange(p),
    }));
    return { items, cursor: page.more ? String(skip + page.rows.length) : null };
  }

  async function readOpenReceivables(q: { entity: string; modifiedSince: string | null; cursor?: string | null }): Promise<ErpPage<ErpOpenItem>> {
    const skip = cursorOf(q.cursor);
    // Open amount = open customer items carrying the invoice number, debits and credits: right for SAP's residual
    // items (invoice cleared, rest re-posted) and partial payments (invoice open, payment item referencing it) alike.
    const base = `CompanyCode eq ${lit(q.entity)} and FinancialAccountType eq 'D' and AssignmentReference ne ''`;
    const changed = q.modifiedSince ? `LastChangeDateTime ge datetimeoffset'${new Date(q.modifiedSince).toISOString()}'` : "ClearingAccountingDocument eq ''";
    const page = await readItemPage(t, `${base} and ${changed}`, skip, ITEM_PAGE);
    const keys = [...new Set(page.rows.map((r) => r.AssignmentReference))];
    const rows: SapItemRow[] = [];
    for (let i = 0; i < keys.length; i += 40) {
      rows.push(...await readItems(t, `${base} and (${keys.slice(i, i + 40).map((k) => `AssignmentReference eq ${lit(k)}`).join(" or ")})`));
    }
    const items: ErpOpenItem[] = [];
    for (const key of keys) {
      const group = rows.filter((r) => r.AssignmentReference === key);
      for (const invoice of group.filter((r) => r.AccountingDocumentType === INVOICE_DOCUMENT_TYPE && r.DocumentReferenceID === key)) {
        const mine = group.filter((r) => r.Customer === invoice.Customer && r.TransactionCurrency === invoice.TransactionCurrency);
        const open = mine.filter((r) => !r.ClearingAccountingDocument).reduce((s, r) => s + toMinor(r.AmountInTransactionCurrency, r.TransactionCurrency), 0n);
        const modified = mine.map((r) => r.LastChangeDateTime).filter((d): d is string => !!d).sort().at(-1) ?? null;
        items.push({
          invoiceNumber: key, customerAccount: invoice.Customer, entity: invoice.CompanyCode, currency: invoice.TransactionCurrency,
          amount: invoice.AmountInTransactionCurrency, openAmount: fromMinor(open, invoice.TransactionCurrency), issueDate: invoice.DocumentDate,
          dueDate: invoice.NetDueDate, lastModified: modified, erpDocumentId: documentId(invoice.CompanyCode, invoice.FiscalYear, invoice.AccountingDocument),
        });
      }
    }
    return { items, cursor: page.more ? String(skip + page.rows.length) : null };
  }

  async function ensureCustomerAccount(a: { accountNumber: string; name: string; entity: string }): Promise<void> {
    let existing = await readCustomer(t, a.accountNumber);
    if (!existing) {
      try {
        await t.odataPost(BP_SERVICE, "A_BusinessPartner", {
          BusinessPartner: a.accountNumber, BusinessPartnerCategory: "2", OrganizationBPName1: a.name.slice(0, 40),
          to_BusinessPartnerRole: { results: [{ BusinessPartnerRole: "FLCU00" }, { BusinessPartnerRole: "FLCU01" }] },
          to_Customer: { Customer: a.accountNumber, to_CustomerCompany: { results: [{ CompanyCode: a.entity }] } },
        });
        return;
      } catch (e) {
        existing = await readCustomer(t, a.accountNumber); // created by an earlier try whose answer was lost?
        if (!existing) throw e;
      }
    }
    if (existing.companyCodes.includes(a.entity)) return;
    try {
      await t.odataPost(BP_SERVICE, "A_CustomerCompany", { Customer: a.accountNumber, CompanyCode: a.entity });
    } catch (e) {
      if (!(await readCustomer(t, a.accountNumber))?.companyCodes.includes(a.entity)) throw e;
    }
  }

  async function publishInvoice(inv: ErpInvoicePublication): Promise<{ erpDocumentId: string; erpDocumentNumber: string }> {
    if (inv.invoiceNumber.length > 16) throw new ErpPermanentError("invalid_posting", `invoice number ${inv.invoiceNumber} is longer than SAP's 16-character DocumentReferenceID`);
    const amount = toMinor(inv.amount, inv.currency);
    const find = async () => (await readItems(t, `CompanyCode eq ${lit(inv.entity)} and DocumentReferenceID eq ${lit(inv.invoiceNumber)} and AccountingDocumentType eq '${INVOICE_DOCUMENT_TYPE}' and FinancialAccountType eq 'D'`))[0];
    let found = await find();
    if (!found) {
      await posting.postJournalEntry({
        companyCode: inv.entity, documentType: INVOICE_DOCUMENT_TYPE, documentDate: inv.issueDate, postingDate: inv.issueDate, currency: inv.currency,
        referenceId: inv.invoiceNumber, headerText: inv.description?.slice(0, 25) ?? null,
        items: [
          { kind: "debtor", account: inv.customerAccount, amount: fromMinor(amount, inv.currency), assignment: inv.invoiceNumber, dueDate: inv.dueDate, text: inv.description?.slice(0, 50) ?? null },
          { kind: "gl", account: acc.revenueGL, amount: fromMinor(-amount, inv.currency), text: inv.description?.slice(0, 50) ?? null },
        ],
      }, inv.idempotencyKey);
      found = await find();
      if (!found) throw new ErpPermanentError("bad_response", `SAP confirmed invoice ${inv.invoiceNumber} but the item read does not show it`);
    } else if (found.Customer !== inv.customerAccount || found.TransactionCurrency !== inv.currency || toMinor(found.AmountInTransactionCurrency, inv.currency) !== amount) {
      throw new ErpPermanentError("conflict", `invoice ${inv.invoiceNumber} already exists in SAP as ${found.AccountingDocument} for ${found.Customer}, ${found.AmountInTransactionCurrency} ${found.TransactionCurrency}; nothing was posted`);
    }
    return { erpDocumentId: documentId(found.CompanyCode, found.FiscalYear, found.AccountingDocument), erpDocumentNumber: found.AccountingDocument };
  }

  async function readPeriods(entity: string): Promise<ErpPeriod[]> {
    return (await readPeriodRows(t, periodService, entity)).map((r) => ({ name: `${r.FiscalPeriod}/${r.FiscalYear}`, start: r.start, end: r.end, open: r.IsOpen }));
  }

  return { readCustomers, readOpenReceivables, ensureCustomerAccount, publishInvoice, readPeriods };
}
