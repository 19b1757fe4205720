// Master data and periods in, by SuiteQL: customers and invoices changed since a timestamp (keyset-paged on
// lastmodifieddate), accounting periods (open = neither closed nor A/R-locked).
import type { ErpCustomerRecord, ErpOpenItem, ErpPage, ErpPeriod } from "../adapter.ts";
import { decimalOf } from "./records.ts";
import { changedSince, lit, suiteqlAll } from "./suiteql.ts";
import type { Lookups } from "./lookups.ts";
import type { NsTransport } from "./transport.ts";

type Query = { entity: string; modifiedSince: string | null; cursor?: string | null };
const str = (v: unknown) => (v === undefined || v === null || v === "" ? null : String(v));

export async function readCustomers(t: NsTransport, lookups: Lookups, q: Query, pageSize: number): Promise<ErpPage<ErpCustomerRecord>> {
  const { rows, cursor } = await changedSince(t,
    "SELECT id, entityid, companyname, subsidiary, parent, custentity_cashline_bank_accounts, lastmodifieddate FROM customer",
    [`subsidiary = ${lit(q.entity)}`], q.modifiedSince, q.cursor, pageSize);
  for (const r of rows) lookups.rememberCustomer(r.id, r.entityid);
  const parents = await lookups.accountNumbersOf(rows.map((r) => str(r.parent)).filter((p): p is string => p !== null));
  return {
    cursor,
    items: rows.map((r) => ({
      accountNumber: String(r.entityid), name: String(r.companyname ?? r.entityid), entity: String(r.subsidiary),
      bankAccounts: (str(r.custentity_cashline_bank_accounts) ?? "").split(",").map((b) => b.trim()).filter(Boolean),
      parentAccountNumber: str(r.parent) ? parents.get(String(r.parent)) ?? null : null, lastModified: str(r.lastmodifieddate),
    })),
  };
}

/** Invoices changed since `modifiedSince` (paid ones too, so Cashline sees them settle); all open ones on a first read. */
export async function readOpenReceivables(t: NsTransport, lookups: Lookups, q: Query, pageSize: number): Promise<ErpPage<ErpOpenItem>> {
  const filters = ["type = 'CustInvc'", `subsidiary = ${lit(q.entity)}`, ...(q.modifiedSince ? [] : ["foreignamountremaining > 0"])];
  const { rows, cursor } = await changedSince(t,
    "SELECT id, tranid, entity, subsidiary, currency, foreigntotal, foreignamountremaining, trandate, duedate, lastmodifieddate FROM transaction",
    filters, q.modifiedSince, q.cursor, pageSize);
  for (const r of rows) lookups.rememberInvoice(r.id, r.tranid);
  const accounts = await lookups.accountNumbersOf(rows.map((r) => String(r.entity)));
  return {
    cursor,
    items: rows.map((r) => {
      const currency = String(r.currency);
      return {
        invoiceNumber: String(r.tranid), customerAccount: accounts.get(String(r.entity)) ?? String(r.entity), entity: String(r.subsidiary), currency,
        amount: decimalOf(r.foreigntotal as number, currency), openAmount: decimalOf((r.foreignamountremaining ?? 0) as number, currency),
        issueDate: str(r.trandate), dueDate: str(r.duedate), lastModified: str(r.lastmodifieddate), erpDocumentId: String(r.id),
      };
    }),
  };
}

export async function readPeriods(t: NsTransport): Promise<ErpPeriod[]> {
  const rows = await suiteqlAll(t, "SELECT id, periodname, startdate, enddate, closed, arlocked FROM accountingperiod WHERE isquarter = 'F' AND isyear = 'F' ORDER BY startdate");
  return rows.map((r) => ({ name: String(r.periodname), start: String(r.startdate), end: String(r.enddate), open: r.closed !== "T" && r.arlocked !== "T" }));
}
