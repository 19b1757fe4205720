// Business Central API v2.0 resources below `companies({id})`, plus the finance reports API's customerLedgerEntries.
// Pure request → response over the state (server.ts adds auth, limits and faults).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { decimalText } from "../../erp/bc/json.ts";
import { handleCashlineApi } from "./extension.ts";
import { handleGeneralJournal, postGeneralJournal } from "./general-journal.ts";
import { BcError, bodyOf, checkIfMatch, dialog, etagOf, matches, notFound, page, parseFilter } from "./odata.ts";
import {
  checkPostingDate, createCustomer, createDraftInvoice, customerFor, nextLineNumber, NULL_GUID, postInvoice, postJournal, tick,
  type BcState, type Company, type PaymentLine,
} from "./state.ts";
import {
  companyView, customerRow, customerView, entryRow, entryView, invoiceRow, invoiceView, journalRow, journalView, lineRow, lineView, periodRow, periodView, setupView,
} from "./views.ts";

export type BcRequest = { method: string; url: URL; api: "v2.0" | "reportsFinance" | "cashline"; path: string; body: unknown; ifMatch?: string; prefer?: string; origin: string; maxPageSize: number };
export type BcResponse = { status: number; body?: unknown; committed: boolean };

type Segment = { name: string; key?: string };
function segments(path: string): Segment[] {
  return path.split("/").filter(Boolean).map((s) => {
    const m = /^([\w.]+)(?:\(([^)]*)\))?$/.exec(decodeURIComponent(s));
    if (!m) throw notFound();
    return { name: m[1]!, key: m[2]?.replace(/^'(.*)'$/, "$1") };
  });
}

const ok = (body: unknown, status = 200): BcResponse => ({ status, body, committed: status === 201 });
const none = (): BcResponse => ({ status: 204, committed: true });

const dec = z.string().refine((v) => { try { decimalText(v, "x"); return true; } catch { return false; } }, "must be a decimal number");
const customerBody = z.object({ number: z.string().min(1).max(20), displayName: z.string().max(100).default(""), currencyCode: z.string().max(10).optional() }).passthrough();
const invoiceBody = z.object({
  externalDocumentNumber: z.string().max(35).default(""), invoiceDate: z.iso.date(), dueDate: z.iso.date().optional(), customerId: z.string().optional(),
  customerNumber: z.string().optional(), currencyCode: z.string().default(""),
  salesInvoiceLines: z.array(z.object({ lineType: z.literal("Account"), lineObjectNumber: z.string().min(1), description: z.string().default(""), quantity: z.string().regex(/^\d+$/), unitPrice: dec })).default([]),
}).passthrough();
const journalBody = z.object({ code: z.string().min(1).max(10), displayName: z.string().max(100).default(""), balancingAccountId: z.string().default(NULL_GUID) }).passthrough();
const paymentBody = z.object({
  lineNumber: z.string().regex(/^\d+$/).optional(), customerId: z.string().optional(), customerNumber: z.string().optional(), postingDate: z.iso.date(),
  documentNumber: z.string().max(20).default(""), externalDocumentNumber: z.string().max(35).default(""), amount: dec,
  appliesToInvoiceId: z.string().optional(), appliesToInvoiceNumber: z.string().max(20).optional(), description: z.string().max(100).default(""), comment: z.string().max(250).default(""),
}).strict();
const paymentPatch = paymentBody.partial().strict();

export function handleBcRequest(state: BcState, req: BcRequest): BcResponse {
  const segs = segments(req.path);
  const list = <T>(rows: T[], row: (x: T) => Record<string, unknown>, view: (x: T) => unknown) => {
    const clauses = parseFilter(req.url.searchParams.get("$filter"));
    return ok(page(rows.filter((x) => matches(row(x), clauses)).map(view), req.url, req.prefer, req.maxPageSize, req.origin));
  };
  if (segs[0]?.name !== "companies") throw notFound();
  if (segs.length === 1) {
    if (req.method !== "GET") throw methodNotAllowed(req);
    return list(state.companies, (c) => ({ id: c.id, name: c.name }), companyView);
  }
  const company = state.companies.find((c) => c.id === segs[0]!.key);
  if (!company) throw notFound();
  const [res, sub, action] = segs.slice(1);
  if (!res) return req.method === "GET" ? ok(companyView(company)) : (() => { throw methodNotAllowed(req); })();
  const r = `${req.method} ${res.name}${res.key ? "(id)" : ""}${sub ? `/${sub.name}${sub.key ? "(id)" : ""}` : ""}${action ? `/${action.name}` : ""}`;
  if (req.api === "cashline") return handleCashlineApi(state, company, req, r, res.key);
  if (req.api === "reportsFinance") {
    if (res.name === "customerLedgerEntries" && !sub && req.method === "GET") {
      if (res.key) return ok(entryView(found(company.entries.find((e) => String(e.entryNumber) === res.key))));
      return list(company.entries, entryRow, entryView);
    }
    throw notFound();
  }
  if (r !== "POST journals(id)/Microsoft.NAV.post") {
    const general = handleGeneralJournal(state, company, req, r, [res.key, sub?.key]);
    if (general) return general;
  }
  switch (r) {
    case "GET customers": return list(company.customers, customerRow, customerView);
    case "GET customers(id)": return ok(customerView(found(company.customers.find((x) => x.id === res.key))));
    case "POST customers": {
      const b = bodyOf(customerBody, req.body);
      return ok(customerView(createCustomer(state, company, b)), 201);
    }
    case "GET salesInvoices": return list(company.invoices, invoiceRow, (x) => invoiceView(x, expands(req, "salesInvoiceLines")));
    case "GET salesInvoices(id)": return ok(invoiceView(found(company.invoices.find((x) => x.id === res.key)), expands(req, "salesInvoiceLines")));
    case "POST salesInvoices": {
      const b = bodyOf(invoiceBody, req.body);
      const customer = customerFor(company, { customerId: b.customerId, customerNumber: b.customerNumber });
      const invoice = createDraftInvoice(state, company, {
        customer, externalDocumentNumber: b.externalDocumentNumber, invoiceDate: b.invoiceDate, dueDate: b.dueDate ?? b.invoiceDate,
        currencyCode: b.currencyCode, lines: b.salesInvoiceLines,
      });
      return ok(invoiceView(invoice, true), 201);
    }
    case "POST salesInvoices(id)/Microsoft.NAV.post": {
      postInvoice(state, company, found(company.invoices.find((x) => x.id === res.key)));
      return none();
    }
    case "GET customerPaymentJournals": return list(company.journals, journalRow, (j) => journalView(j, expands(req, "customerPayments") ? linesOf(company, j.id) : undefined));
    case "GET customerPaymentJournals(id)": {
      const j = found(company.journals.find((x) => x.id === res.key));
      return ok(journalView(j, expands(req, "customerPayments") ? linesOf(company, j.id) : undefined));
    }
    case "POST customerPaymentJournals": {
      const b = bodyOf(journalBody, req.body);
      if (company.journals.some((j) => j.code === b.code)) {
        throw new BcError(400, "Internal_EntityWithSameKeyExists", `The record in table Gen. Journal Batch already exists. Identification fields and values: Journal Template Name='CASHRCPT',Name='${b.code}'`);
      }
      const j = { id: randomUUID(), code: b.code, displayName: b.displayName, balancingAccountId: b.balancingAccountId, balancingAccountNumber: "", lastModifiedDateTime: tick(state), version: 1 };
      company.journals.push(j);
      return ok(journalView(j), 201);
    }
    case "DELETE customerPaymentJournals(id)": {
      const j = found(company.journals.find((x) => x.id === res.key));
      checkIfMatch(req.ifMatch, etagOf(j.id, j.version));
      company.journals = company.journals.filter((x) => x !== j);
      company.lines = company.lines.filter((l) => l.journalId !== j.id);
      return none();
    }
    case "PATCH customerPaymentJournals(id)": {
      const j = found(company.journals.find((x) => x.id === res.key));
      checkIfMatch(req.ifMatch, etagOf(j.id, j.version));
      const b = bodyOf(z.object({ displayName: z.string().max(100) }).strict(), req.body);
      Object.assign(j, b, { lastModifiedDateTime: tick(state), version: j.version + 1 });
      return ok(journalView(j));
    }
    case "GET customerPaymentJournals(id)/customerPayments": {
      const j = found(company.journals.find((x) => x.id === res.key));
      return list(linesOf(company, j.id), lineRow, (l) => lineView(l, j));
    }
    case "POST customerPaymentJournals(id)/customerPayments": return ok(createLine(state, company, res.key!, req.body), 201);
    case "GET customerPaymentJournals(id)/customerPayments(id)": {
      const j = found(company.journals.find((x) => x.id === res.key));
      return ok(lineView(found(linesOf(company, j.id).find((l) => l.id === sub!.key)), j));
    }
    case "PATCH customerPaymentJournals(id)/customerPayments(id)":
    case "DELETE customerPaymentJournals(id)/customerPayments(id)": {
      const j = found(company.journals.find((x) => x.id === res.key));
      const line = found(linesOf(company, j.id).find((l) => l.id === sub!.key));
      checkIfMatch(req.ifMatch, etagOf(line.id, line.version));
      if (req.method === "DELETE") {
        company.lines = company.lines.filter((l) => l !== line);
        return none();
      }
      // only what the client sent: the create schema's defaults must not blank other fields
      const sent = new Set(Object.keys((req.body ?? {}) as object));
      const b = Object.fromEntries(Object.entries(bodyOf(paymentPatch, req.body)).filter(([k]) => sent.has(k)));
      applyLineFields(company, line, b);
      line.lastModifiedDateTime = tick(state);
      line.version++;
      return ok(lineView(line, j));
    }
    case "GET customerPayments": {
      // As page 30055: lines are only listed below a journal (a journalId filter).
      if (!/journalId\s+eq/i.test(req.url.searchParams.get("$filter") ?? "")) throw dialog("You must specify a journal batch ID or a journal ID to get a journal line.");
      return list(company.lines, lineRow, (l) => lineView(l, company.journals.find((j) => j.id === l.journalId)!));
    }
    case "POST journals(id)/Microsoft.NAV.post": {
      // Page 30016 finds the batch by SystemId whatever its template, so this posts a customer payment journal too.
      const j = company.journals.find((x) => x.id === res.key);
      const general = company.glJournals.find((x) => x.id === res.key);
      if (j) postJournal(state, company, j);
      else if (general) postGeneralJournal(state, company, general, (d) => checkPostingDate(company, d));
      else throw dialog(`The General Journal Batch with ID ${res.key} cannot be found.`);
      return none();
    }
    case "GET accountingPeriods": return list(company.periods, periodRow, periodView);
    case "GET generalLedgerSetup": return ok(page([setupView(company)], req.url, req.prefer, req.maxPageSize, req.origin));
    default:
      if (["customers", "salesInvoices", "customerPaymentJournals", "customerPayments", "journals", "accountingPeriods", "generalLedgerSetup", "generalLedgerEntries"].includes(res.name)) throw methodNotAllowed(req);
      throw notFound();
  }
}

function createLine(state: BcState, c: Company, journalId: string, body: unknown) {
  const j = found(c.journals.find((x) => x.id === journalId));
  const b = bodyOf(paymentBody, body);
  const lineNumber = b.lineNumber ? Number(b.lineNumber) : nextLineNumber(c, j.id);
  if (c.lines.some((l) => l.journalId === j.id && l.lineNumber === lineNumber)) {
    throw new BcError(400, "Internal_EntityWithSameKeyExists", `The record in table Gen. Journal Line already exists. Identification fields and values: Journal Template Name='CASHRCPT',Journal Batch Name='${j.code}',Line No.='${lineNumber}'`);
  }
  const line: PaymentLine = {
    id: randomUUID(), journalId: j.id, lineNumber, customerId: NULL_GUID, customerNumber: "", postingDate: b.postingDate, documentNumber: b.documentNumber,
    externalDocumentNumber: b.externalDocumentNumber, amount: b.amount, appliesToInvoiceId: NULL_GUID, appliesToInvoiceNumber: "", description: b.description,
    comment: b.comment, lastModifiedDateTime: tick(state), version: 1,
  };
  applyLineFields(c, line, b);
  c.lines.push(line);
  return lineView(line, j);
}

function applyLineFields(c: Company, line: PaymentLine, b: Partial<z.infer<typeof paymentBody>>): void {
  if (b.customerId !== undefined || b.customerNumber !== undefined) {
    const customer = customerFor(c, { customerId: b.customerId, customerNumber: b.customerNumber });
    line.customerId = customer.id;
    line.customerNumber = customer.number;
  }
  for (const k of ["postingDate", "documentNumber", "externalDocumentNumber", "amount", "description", "comment"] as const) if (b[k] !== undefined) line[k] = b[k]!;
  if (b.lineNumber !== undefined) line.lineNumber = Number(b.lineNumber);
  if (b.appliesToInvoiceId && b.appliesToInvoiceId !== NULL_GUID) {
    const inv = c.invoices.find((i) => i.id === b.appliesToInvoiceId && i.status !== "Draft");
    if (!inv) throw dialog('The "appliesToInvoiceId" should be the ID of an Open, Paid, Corrective, or Canceled Invoice.');
    if (b.appliesToInvoiceNumber && b.appliesToInvoiceNumber !== inv.number) throw dialog("The Applies To Invoice values do not match to the same Invoice.");
    line.appliesToInvoiceId = inv.id;
    line.appliesToInvoiceNumber = inv.number;
  } else if (b.appliesToInvoiceNumber !== undefined) {
    const inv = c.invoices.find((i) => i.number === b.appliesToInvoiceNumber && i.status !== "Draft");
    line.appliesToInvoiceNumber = b.appliesToInvoiceNumber;
    line.appliesToInvoiceId = inv?.id ?? NULL_GUID;
  }
  if (!line.customerNumber && line.appliesToInvoiceNumber) {
    const inv = c.invoices.find((i) => i.number === line.appliesToInvoiceNumber && i.status !== "Draft");
    if (inv) { line.customerNumber = inv.customerNumber; line.customerId = inv.customerId; }
  }
}

const linesOf = (c: Company, journalId: string) => c.lines.filter((l) => l.journalId === journalId).sort((a, b) => a.lineNumber - b.lineNumber);
const expands = (req: BcRequest, what: string) => (req.url.searchParams.get("$expand") ?? "").split(",").map((s) => s.trim()).includes(what);

function found<T>(x: T | undefined): T {
  if (x === undefined) throw notFound();
  return x;
}

function methodNotAllowed(req: BcRequest): BcError {
  return new BcError(405, "BadRequest_MethodNotAllowed", `'${req.method}' requests for '${req.path.split("/").pop()?.replace(/\(.*$/, "")}' of EdmType 'Entity' are not allowed within Dynamics 365 Business Central OData web services.`);
}
