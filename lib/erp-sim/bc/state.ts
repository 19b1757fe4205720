// The simulated Business Central book of record, one entry per company (= Cashline legal entity): customers,
// sales invoices (draft → posted), customer payment journals (Gen. Journal Batch) with their lines, posted customer
// ledger entries, accounting periods and the General Ledger Setup's allowed posting dates. Plain JSON (amounts as
// decimal strings, computed in bigint minor units) so `ledger()` can hand it out as is.
import { randomUUID } from "node:crypto";
import { fromMinor, toMinor } from "../../money/money.ts";
import { BcError, dialog, fieldValidation } from "./odata.ts";

export type Customer = { id: string; number: string; displayName: string; currencyCode: string; bankAccounts: string[]; lastModifiedDateTime: string; version: number };
export type InvoiceLine = { id: string; sequence: number; lineType: string; lineObjectNumber: string; description: string; quantity: string; unitPrice: string; amountIncludingTax: string };
export type Invoice = {
  id: string; number: string; externalDocumentNumber: string; customerId: string; customerNumber: string; customerName: string;
  invoiceDate: string; postingDate: string; dueDate: string; currencyCode: string; status: "Draft" | "Open" | "Paid" | "Canceled";
  totalAmountIncludingTax: string; remainingAmount: string; lines: InvoiceLine[]; lastModifiedDateTime: string; version: number;
};
export type Journal = { id: string; code: string; displayName: string; balancingAccountId: string; balancingAccountNumber: string; lastModifiedDateTime: string; version: number };
export type PaymentLine = {
  id: string; journalId: string; lineNumber: number; customerId: string; customerNumber: string; postingDate: string; documentNumber: string;
  externalDocumentNumber: string; amount: string; appliesToInvoiceId: string; appliesToInvoiceNumber: string; description: string; comment: string;
  lastModifiedDateTime: string; version: number;
};
export type LedgerEntry = {
  entryNumber: number; documentType: "Payment" | "Invoice" | "Credit Memo"; documentNumber: string; externalDocumentNumber: string; description: string;
  postingDate: string; customerNumber: string; currencyCode: string; amount: string; open: boolean; balancingAccountNumber: string; balancingAccountType: string;
  lastModifiedDateTime: string;
  /** Not exposed by the API: what the simulator needs for its normalised view. */
  appliedToInvoice: string | null; source: "api" | "sim";
};
/** A Detailed Cust. Ledg. Entry of type Application, payment side: `amount` of payment entry `custLedgerEntryNumber`
 *  applied to the invoice `appliedToDocumentNumber`; `unapplied` once reversed (Cashline extension, see extension.ts). */
export type CustApplication = {
  entryNumber: number; custLedgerEntryNumber: number; appliedToDocumentNumber: string; amount: string; postingDate: string; documentNumber: string;
  unapplied: boolean; unappliedPostingDate: string | null;
};
export type Period = { id: string; startingDate: string; name: string; newFiscalYear: boolean; closed: boolean; dateLocked: boolean; lastModifiedDateTime: string };
export type Company = {
  id: string; name: string; lcy: string; allowPostingFrom: string | null; allowPostingTo: string | null; setupId: string; setupModified: string;
  customers: Customer[]; invoices: Invoice[]; journals: Journal[]; lines: PaymentLine[]; entries: LedgerEntry[]; periods: Period[];
  nextEntryNumber: number; nextInvoiceNumber: number; nextDraftNumber: number;
  /** General journals (GENERAL template) with G/L lines, and the G/L entries they post (see general-journal.ts). */
  glJournals: Journal[]; glLines: GlLine[]; glEntries: GlEntry[]; glAccounts: string[]; nextGlEntryNumber: number;
  /** Applications of payments to invoices (Detailed Cust. Ledg. Entry), reversible through the Cashline extension. */
  applications: CustApplication[]; nextDetailedEntryNumber: number;
};
export type GlLine = {
  id: string; journalId: string; lineNumber: number; accountType: string; accountNumber: string; postingDate: string; documentNumber: string;
  externalDocumentNumber: string; amount: string; description: string; comment: string; balancingAccountNumber: string; lastModifiedDateTime: string; version: number;
};
export type GlEntry = {
  id: string; entryNumber: number; postingDate: string; documentNumber: string; documentType: string; accountNumber: string; description: string;
  debitAmount: string; creditAmount: string; lastModifiedDateTime: string; externalDocumentNumber: string;
};
export type BcState = { companies: Company[]; lastTick: number };

const NULL_GUID = "00000000-0000-0000-0000-000000000000";
const TEMPLATE = "CASHRCPT";

export function emptyState(): BcState {
  return { companies: [], lastTick: 0 };
}

/** Strictly increasing timestamps, so `lastModifiedDateTime gt <last seen>` never misses a change made in the same ms. */
export function tick(state: BcState): string {
  state.lastTick = Math.max(Date.now(), state.lastTick + 1);
  return new Date(state.lastTick).toISOString();
}

function monthlyPeriods(state: BcState): Period[] {
  const year = new Date().getUTCFullYear();
  const out: Period[] = [];
  for (let y = year - 1; y <= year + 1; y++) {
    for (let m = 0; m < 12; m++) {
      const start = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
      const name = new Date(Date.UTC(y, m, 1)).toLocaleString("en-US", { month: "long", timeZone: "UTC" });
      out.push({ id: randomUUID(), startingDate: start, name, newFiscalYear: m === 0, closed: false, dateLocked: false, lastModifiedDateTime: tick(state) });
    }
  }
  return out;
}

export function companyByName(state: BcState, name: string, lcy = "EUR"): Company {
  let c = state.companies.find((x) => x.name === name);
  if (!c) {
    c = {
      id: randomUUID(), name, lcy, allowPostingFrom: null, allowPostingTo: null, setupId: randomUUID(), setupModified: tick(state),
      customers: [], invoices: [], journals: [], lines: [], entries: [], periods: monthlyPeriods(state), nextEntryNumber: 1, nextInvoiceNumber: 103001, nextDraftNumber: 1001,
      glJournals: [], glLines: [], glEntries: [], glAccounts: ["2910", "6110", "8610", "8620"], nextGlEntryNumber: 1,
      applications: [], nextDetailedEntryNumber: 1,
    };
    state.companies.push(c);
  }
  return c;
}

export const resolveCurrency = (c: Company, code: string) => (code === "" ? c.lcy : code);
const minor = (c: Company, value: string, currency: string) => toMinor(value, resolveCurrency(c, currency));
const fmt = (c: Company, m: bigint, currency: string) => fromMinor(m, resolveCurrency(c, currency));

export function createCustomer(state: BcState, c: Company, body: { number: string; displayName: string; currencyCode?: string; bankAccounts?: string[] }): Customer {
  if (c.customers.some((x) => x.number === body.number)) {
    throw new BcError(400, "Internal_EntityWithSameKeyExists", `The record in table Customer already exists. Identification fields and values: No.='${body.number}'`);
  }
  const currency = body.currencyCode && body.currencyCode !== c.lcy ? body.currencyCode : "";
  const customer: Customer = { id: randomUUID(), number: body.number, displayName: body.displayName, currencyCode: currency, bankAccounts: body.bankAccounts ?? [], lastModifiedDateTime: tick(state), version: 1 };
  c.customers.push(customer);
  return customer;
}

export function customerFor(c: Company, ref: { customerId?: string; customerNumber?: string }): Customer {
  if (ref.customerId && ref.customerId !== NULL_GUID) {
    const byId = c.customers.find((x) => x.id === ref.customerId);
    if (!byId) throw dialog('The "customerId" does not match to a Customer.');
    if (ref.customerNumber && ref.customerNumber !== byId.number) throw dialog("The customer values do not match to a specific Customer.");
    return byId;
  }
  const byNumber = c.customers.find((x) => x.number === ref.customerNumber);
  if (!byNumber) throw dialog('The "customerNumber" does not match to a Customer.');
  return byNumber;
}

export function checkPostingDate(c: Company, date: string): void {
  if ((c.allowPostingFrom && date < c.allowPostingFrom) || (c.allowPostingTo && date > c.allowPostingTo)) {
    throw dialog(`Posting Date ${date} is not within your range of allowed posting dates.`);
  }
}

export type NewInvoice = { customer: Customer; externalDocumentNumber: string; invoiceDate: string; dueDate: string; currencyCode: string; lines: { description: string; lineObjectNumber: string; quantity: string; unitPrice: string }[] };

export function createDraftInvoice(state: BcState, c: Company, n: NewInvoice): Invoice {
  const currency = n.currencyCode === c.lcy ? "" : n.currencyCode;
  if (currency !== n.customer.currencyCode) {
    throw dialog(`Currency Code must be equal to '${n.customer.currencyCode}' in Sales Header: the customer ${n.customer.number} is invoiced in ${resolveCurrency(c, n.customer.currencyCode)}.`);
  }
  let total = 0n;
  const lines = n.lines.map((l, i) => {
    const amount = (minor(c, l.unitPrice, currency) * BigInt(l.quantity)) ;
    total += amount;
    return { id: randomUUID(), sequence: (i + 1) * 10000, lineType: "Account", lineObjectNumber: l.lineObjectNumber, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, amountIncludingTax: fmt(c, amount, currency) };
  });
  const invoice: Invoice = {
    id: randomUUID(), number: `S-INV${c.nextDraftNumber++}`, externalDocumentNumber: n.externalDocumentNumber, customerId: n.customer.id, customerNumber: n.customer.number,
    customerName: n.customer.displayName, invoiceDate: n.invoiceDate, postingDate: n.invoiceDate, dueDate: n.dueDate, currencyCode: currency, status: "Draft",
    totalAmountIncludingTax: fmt(c, total, currency), remainingAmount: fmt(c, total, currency), lines, lastModifiedDateTime: tick(state), version: 1,
  };
  c.invoices.push(invoice);
  return invoice;
}

/** Posts a draft: it gets the posted-invoice number series and an open customer ledger entry. */
export function postInvoice(state: BcState, c: Company, invoice: Invoice, number?: string): void {
  if (invoice.status !== "Draft") throw dialog(`The sales invoice ${invoice.number} is already posted.`);
  if (invoice.lines.length === 0 || minor(c, invoice.totalAmountIncludingTax, invoice.currencyCode) <= 0n) throw dialog("There is nothing to post.");
  checkPostingDate(c, invoice.postingDate);
  invoice.number = number ?? String(c.nextInvoiceNumber++);
  invoice.status = "Open";
  invoice.lastModifiedDateTime = tick(state);
  invoice.version++;
  c.entries.push({
    entryNumber: c.nextEntryNumber++, documentType: "Invoice", documentNumber: invoice.number, externalDocumentNumber: invoice.externalDocumentNumber,
    description: `Invoice ${invoice.number}`, postingDate: invoice.postingDate, customerNumber: invoice.customerNumber, currencyCode: invoice.currencyCode,
    amount: invoice.totalAmountIncludingTax, open: true, balancingAccountNumber: "", balancingAccountType: "G/L Account", lastModifiedDateTime: tick(state), appliedToInvoice: null, source: "api",
  });
}

/** Lowers an invoice's remaining amount (a payment or credit applied to it); at zero it is Paid and its entry closes. */
export function settleInvoice(state: BcState, c: Company, invoice: Invoice, amount: bigint): void {
  const remaining = minor(c, invoice.remainingAmount, invoice.currencyCode) - amount;
  invoice.remainingAmount = fmt(c, remaining, invoice.currencyCode);
  if (remaining === 0n) {
    invoice.status = "Paid";
    const entry = c.entries.find((e) => e.documentType === "Invoice" && e.documentNumber === invoice.number);
    if (entry) { entry.open = false; entry.lastModifiedDateTime = tick(state); }
  }
  invoice.lastModifiedDateTime = tick(state);
  invoice.version++;
}

/** Journals({id})/Microsoft.NAV.post: checks every line, then books them all or nothing and empties the batch. */
export function postJournal(state: BcState, c: Company, journal: Journal): void {
  const lines = c.lines.filter((l) => l.journalId === journal.id).sort((a, b) => a.lineNumber - b.lineNumber);
  if (lines.length === 0) throw dialog("There is nothing to post.");
  const drawn = new Map<Invoice, bigint>();
  for (const l of lines) {
    const where = `Gen. Journal Line: Journal Template Name=${TEMPLATE}, Journal Batch Name=${journal.code}, Line No.=${l.lineNumber}`;
    if (!l.customerNumber) throw fieldValidation(`Account No. must have a value in ${where}. It cannot be zero or empty.`);
    const customer = customerFor(c, { customerNumber: l.customerNumber });
    if (!/^-/.test(l.amount) || minor(c, l.amount, customer.currencyCode) === 0n) throw fieldValidation(`Amount must be negative in ${where}.`);
    checkPostingDate(c, l.postingDate);
    if (!l.appliesToInvoiceNumber) continue;
    const invoice = c.invoices.find((i) => i.number === l.appliesToInvoiceNumber && i.status !== "Draft");
    if (!invoice || invoice.customerNumber !== customer.number) throw dialog(`The invoice ${l.appliesToInvoiceNumber} to apply to does not exist for customer ${customer.number}.`);
    if (invoice.status !== "Open") throw dialog(`Invoice ${invoice.number} is already closed; it cannot be applied to.`);
    const total = (drawn.get(invoice) ?? 0n) - minor(c, l.amount, customer.currencyCode);
    const remaining = minor(c, invoice.remainingAmount, invoice.currencyCode);
    if (total > remaining) {
      throw dialog(`The amount to apply ${fmt(c, total, invoice.currencyCode)} exceeds the remaining amount ${invoice.remainingAmount} of invoice ${invoice.number} (${where}).`);
    }
    drawn.set(invoice, total);
  }
  for (const l of lines) {
    const customer = customerFor(c, { customerNumber: l.customerNumber });
    const entryNumber = c.nextEntryNumber++;
    if (l.appliesToInvoiceNumber) {
      c.applications.push({
        entryNumber: c.nextDetailedEntryNumber++, custLedgerEntryNumber: entryNumber, appliedToDocumentNumber: l.appliesToInvoiceNumber,
        amount: fmt(c, -minor(c, l.amount, customer.currencyCode), customer.currencyCode), postingDate: l.postingDate, documentNumber: l.documentNumber, unapplied: false, unappliedPostingDate: null,
      });
    }
    c.entries.push({
      entryNumber, documentType: "Payment", documentNumber: l.documentNumber, externalDocumentNumber: l.externalDocumentNumber,
      description: l.description, postingDate: l.postingDate, customerNumber: customer.number, currencyCode: customer.currencyCode, amount: l.amount,
      open: !l.appliesToInvoiceNumber, balancingAccountNumber: journal.balancingAccountNumber, balancingAccountType: "G/L Account",
      lastModifiedDateTime: tick(state), appliedToInvoice: l.appliesToInvoiceNumber || null, source: "api",
    });
  }
  for (const [invoice, amount] of drawn) settleInvoice(state, c, invoice, amount);
  c.lines = c.lines.filter((l) => l.journalId !== journal.id);
}

/** The journal line number BC would give the next line (10000 steps), when the client names none. */
export function nextLineNumber(c: Company, journalId: string): number {
  return Math.max(0, ...c.lines.filter((l) => l.journalId === journalId).map((l) => l.lineNumber)) + 10000;
}

export { NULL_GUID };
