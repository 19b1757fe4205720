// The receivables reads and the invoice write of the simulated Oracle Fusion API (erp-routes.ts dispatches here):
//   receivablesInvoices                     GET (q on TransactionNumber, BusinessUnit, BillToCustomerNumber,
//                                            LastUpdateDate…; orderBy; limit/offset), POST (header + lines)
//   receivablesInvoices/{id}                GET;  …/{id}/child/receivablesInvoiceLines GET
//   receivablesCustomerAccounts             GET (q on AccountNumber, BusinessUnit, LastUpdateDate…;
//                                            expand=customerBankAccounts inlines the account's bank accounts)
//   accountingPeriodStatusLOV               GET (q on LedgerName, PeriodNameId, ClosingStatus, ApplicationId)
import { z } from "zod";
import { isCurrency } from "../money/money.ts";
import { SimError } from "./sim-error.ts";
import type { LedgerState } from "./ledger.ts";
import { parseBody } from "./schemas.ts";
import { applyOrderBy, applyQ, page, parseQClauses } from "./q-filter.ts";
import { applicationIndex, createInvoice, invoiceView, periodsOf, receivablesOf, type InvoiceView } from "./receivables.ts";

type Req = { method: string; query: URLSearchParams; body: unknown };
type Write = (perform: () => { body: unknown; resource: { type: "receivablesInvoice"; id: number } }) => { status: number; body: unknown; committed: boolean; replayed?: boolean };
export type RoutesOut = { status: number; body: unknown; committed: boolean; replayed?: boolean };

export const RECEIVABLES_RESOURCES = new Set(["receivablesInvoices", "accountingPeriodStatusLOV"]);

const decimal = z.string().regex(/^\d+(\.\d+)?$/, "must be a positive decimal string such as \"1234.50\"");
const code = z.string().trim().min(1).max(80);
export const createInvoiceBody = z.object({
  TransactionNumber: code,
  TransactionDate: z.iso.date(),
  DueDate: z.iso.date().nullish(),
  BusinessUnit: code,
  BillToCustomerNumber: code,
  InvoiceCurrencyCode: z.string().refine(isCurrency, "must be an ISO 4217 currency code"),
  TransactionSource: code.nullish(),
  TransactionType: code.nullish(),
  Comments: z.string().max(2000).nullish(),
  receivablesInvoiceLines: z.array(z.object({
    Description: z.string().trim().min(1).max(240),
    Quantity: z.union([z.string(), z.number().int().positive()]).transform(String),
    UnitSellingPrice: decimal,
  })).min(1).max(500),
});

const INVOICE_FILTERS = ["CustomerTransactionId", "TransactionNumber", "DocumentNumber", "BusinessUnit", "BillToCustomerNumber", "InvoiceCurrencyCode", "TransactionDate", "DueDate", "LastUpdateDate", "CreationDate"] as const;
const ACCOUNT_FILTERS = ["AccountNumber", "BusinessUnit", "LastUpdateDate", "CreationDate"] as const;
const PERIOD_FILTERS = ["LedgerName", "PeriodNameId", "ClosingStatus", "ApplicationId"] as const;

function invoices(state: LedgerState): InvoiceView[] {
  const index = applicationIndex(state);
  return receivablesOf(state).invoices.map((i) => invoiceView(i, index));
}

function invoiceById(state: LedgerState, raw: string): InvoiceView {
  const found = invoices(state).find((i) => String(i.CustomerTransactionId) === raw);
  if (!found) throw new SimError(404, "TRANSACTION_NOT_FOUND", `receivables invoice ${raw} does not exist`);
  return found;
}

/** Customer accounts as the API shows them: LastUpdateDate moves with their bank accounts too. */
export function customerAccountViews(state: LedgerState, withBankAccounts: boolean) {
  const banks = receivablesOf(state).customerBankAccounts;
  return state.customerAccounts.map((a) => {
    const own = banks.filter((b) => b.AccountNumber === a.AccountNumber);
    const base = (a as { LastUpdateDate?: string }).LastUpdateDate ?? a.CreationDate;
    const LastUpdateDate = own.reduce((d, b) => (b.CreationDate > d ? b.CreationDate : d), base);
    return { ...a, LastUpdateDate, ...(withBankAccounts ? { customerBankAccounts: own } : {}) };
  });
}

export function handleReceivablesRequest(state: LedgerState, req: Req, parts: string[], write: Write): RoutesOut {
  const [resource, id, child, childResource] = parts;
  const ok = (body: unknown): RoutesOut => ({ status: 200, body, committed: false });
  const list = <T extends Record<string, unknown>>(rows: T[], filters: readonly string[]) =>
    ok(page(applyOrderBy(applyQ(rows, parseQClauses(req.query.get("q")), filters), req.query.get("orderBy")), req.query));

  if (resource === "receivablesInvoices" && parts.length === 1) {
    if (req.method === "GET") return list(invoices(state), INVOICE_FILTERS);
    if (req.method === "POST") return write(() => {
      const b = parseBody(createInvoiceBody, req.body);
      const created = createInvoice(state, { ...b, lines: b.receivablesInvoiceLines });
      return { body: invoiceView(created, applicationIndex(state)), resource: { type: "receivablesInvoice", id: created.CustomerTransactionId } };
    });
  } else if (resource === "receivablesInvoices" && parts.length === 2) {
    if (req.method === "GET") return ok(invoiceById(state, id!));
  } else if (resource === "receivablesInvoices" && child === "child" && childResource === "receivablesInvoiceLines" && parts.length === 4) {
    if (req.method === "GET") return ok(page(invoiceById(state, id!).receivablesInvoiceLines, req.query));
  } else if (resource === "receivablesCustomerAccounts" && parts.length === 1) {
    if (req.method === "GET") {
      const expand = (req.query.get("expand") ?? "").split(",").map((s) => s.trim());
      return list(customerAccountViews(state, expand.includes("customerBankAccounts") || expand.includes("all")), ACCOUNT_FILTERS);
    }
  } else if (resource === "accountingPeriodStatusLOV" && parts.length === 1) {
    if (req.method === "GET") {
      const ledger = parseQClauses(req.query.get("q")).find((c) => c.attr === "LedgerName" && c.op === "=");
      if (!ledger) throw new SimError(400, "INVALID_QUERY", "accountingPeriodStatusLOV needs q=LedgerName=<ledger> (the simulator's ledger is the business unit)");
      return list(periodsOf(state, ledger.value).map((p) => ({ ...p, ApplicationId: 222 })), PERIOD_FILTERS);
    }
  } else {
    throw new SimError(404, "NO_SUCH_RESOURCE", `no resource at ${parts.join("/")}`);
  }
  throw new SimError(405, "METHOD_NOT_ALLOWED", `${req.method} is not supported on ${parts.join("/")}`);
}
