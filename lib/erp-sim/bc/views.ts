// Entities as Business Central's API v2.0 pages show them (property names and types from the resource pages),
// amounts as bare JSON numbers via `decimal()`, each with its weak ETag.
import { decimal } from "../../erp/bc/json.ts";
import { etagOf } from "./odata.ts";
import type { Company, Customer, Invoice, Journal, LedgerEntry, PaymentLine, Period } from "./state.ts";

export const customerView = (x: Customer) => ({
  "@odata.etag": etagOf(x.id, x.version), id: x.id, number: x.number, displayName: x.displayName, type: "Company",
  currencyCode: x.currencyCode, blocked: " ", lastModifiedDateTime: x.lastModifiedDateTime,
});

/** Filterable row (plain strings) beside the view: $filter compares against these. */
export const customerRow = (x: Customer) => ({ id: x.id, number: x.number, displayName: x.displayName, currencyCode: x.currencyCode, lastModifiedDateTime: x.lastModifiedDateTime });

export const invoiceLineView = (x: Invoice["lines"][number], invoiceId: string) => ({
  "@odata.etag": etagOf(x.id, 1), id: x.id, documentId: invoiceId, sequence: x.sequence, lineType: x.lineType, lineObjectNumber: x.lineObjectNumber,
  description: x.description, quantity: decimal(x.quantity), unitPrice: decimal(x.unitPrice), amountIncludingTax: decimal(x.amountIncludingTax),
});

export const invoiceView = (x: Invoice, expandLines = false) => ({
  "@odata.etag": etagOf(x.id, x.version), id: x.id, number: x.number, externalDocumentNumber: x.externalDocumentNumber, invoiceDate: x.invoiceDate,
  postingDate: x.postingDate, dueDate: x.dueDate, customerId: x.customerId, customerNumber: x.customerNumber, customerName: x.customerName,
  currencyCode: x.currencyCode, status: x.status, totalAmountExcludingTax: decimal(x.totalAmountIncludingTax), totalTaxAmount: decimal("0"),
  totalAmountIncludingTax: decimal(x.totalAmountIncludingTax), remainingAmount: decimal(x.remainingAmount), lastModifiedDateTime: x.lastModifiedDateTime,
  ...(expandLines ? { salesInvoiceLines: x.lines.map((l) => invoiceLineView(l, x.id)) } : {}),
});
export const invoiceRow = (x: Invoice) => ({
  id: x.id, number: x.number, externalDocumentNumber: x.externalDocumentNumber, customerNumber: x.customerNumber, status: x.status,
  invoiceDate: x.invoiceDate, dueDate: x.dueDate, currencyCode: x.currencyCode, lastModifiedDateTime: x.lastModifiedDateTime,
});

export const lineView = (x: PaymentLine, journal: Journal) => ({
  "@odata.etag": etagOf(x.id, x.version), id: x.id, journalId: x.journalId, journalDisplayName: journal.code, lineNumber: x.lineNumber,
  customerId: x.customerId, customerNumber: x.customerNumber, postingDate: x.postingDate, documentNumber: x.documentNumber,
  externalDocumentNumber: x.externalDocumentNumber, amount: decimal(x.amount), appliesToInvoiceId: x.appliesToInvoiceId,
  appliesToInvoiceNumber: x.appliesToInvoiceNumber, description: x.description, comment: x.comment, lastModifiedDateTime: x.lastModifiedDateTime,
});
export const lineRow = (x: PaymentLine) => ({
  id: x.id, journalId: x.journalId, lineNumber: String(x.lineNumber), customerNumber: x.customerNumber, documentNumber: x.documentNumber,
  externalDocumentNumber: x.externalDocumentNumber, postingDate: x.postingDate, lastModifiedDateTime: x.lastModifiedDateTime,
});

export const journalView = (x: Journal, lines?: PaymentLine[]) => ({
  "@odata.etag": etagOf(x.id, x.version), id: x.id, code: x.code, displayName: x.displayName, lastModifiedDateTime: x.lastModifiedDateTime,
  balancingAccountId: x.balancingAccountId, balancingAccountNumber: x.balancingAccountNumber,
  ...(lines ? { customerPayments: lines.map((l) => lineView(l, x)) } : {}),
});
export const journalRow = (x: Journal) => ({ id: x.id, code: x.code, displayName: x.displayName, lastModifiedDateTime: x.lastModifiedDateTime });

/** Finance reports API (`api/microsoft/reportsFinance/beta`) customerLedgerEntry. */
export const entryView = (x: LedgerEntry) => ({
  entryNumber: x.entryNumber, documentType: x.documentType, description: x.description, postingDate: x.postingDate, documentNumber: x.documentNumber,
  externalDocumentNumber: x.externalDocumentNumber, balancingAccountNumber: x.balancingAccountNumber, balancingAccountType: x.balancingAccountType,
  customerNumber: x.customerNumber, open: x.open, dimensionSetID: 0, currencyCode: x.currencyCode, lastModifiedDateTime: x.lastModifiedDateTime,
  amount: decimal(x.amount), debitAmount: decimal(x.amount.startsWith("-") ? "0" : x.amount), creditAmount: decimal(x.amount.startsWith("-") ? x.amount.slice(1) : "0"),
});
export const entryRow = (x: LedgerEntry) => ({
  entryNumber: String(x.entryNumber), documentType: x.documentType, documentNumber: x.documentNumber, externalDocumentNumber: x.externalDocumentNumber,
  customerNumber: x.customerNumber, postingDate: x.postingDate, open: String(x.open), lastModifiedDateTime: x.lastModifiedDateTime,
});

export const periodView = (x: Period) => ({
  "@odata.etag": etagOf(x.id, 1), id: x.id, startingDate: x.startingDate, name: x.name, newFiscalYear: x.newFiscalYear, closed: x.closed,
  dateLocked: x.dateLocked, lastModifiedDateTime: x.lastModifiedDateTime,
});
export const periodRow = (x: Period) => ({ id: x.id, startingDate: x.startingDate, name: x.name, closed: String(x.closed), lastModifiedDateTime: x.lastModifiedDateTime });

export const setupView = (c: Company) => ({
  "@odata.etag": etagOf(c.setupId, 1), id: c.setupId, allowPostingFrom: c.allowPostingFrom ?? "0001-01-01", allowPostingTo: c.allowPostingTo ?? "0001-01-01",
  additionalReportingCurrency: "", localCurrencyCode: c.lcy, localCurrencySymbol: "", lastModifiedDateTime: c.setupModified,
});

export const companyView = (c: Company) => ({ id: c.id, systemVersion: "27.0", name: c.name, displayName: c.name, businessProfileId: "" });
