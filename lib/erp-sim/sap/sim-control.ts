// Talking to a running SAP simulator's control plane (tests, demo, outside checks).
import type { SapLedgerSnapshot } from "./ledger-view.ts";

async function call<T>(url: string, body?: unknown, method: "GET" | "POST" = "POST"): Promise<T> {
  const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export type SimCustomer = { customer: string; name: string; companyCodes: string[]; bankAccounts?: string[] };
export type SimInvoice = { invoiceNumber: string; customer: string; companyCode: string; currency: string; amount: string; issueDate: string; dueDate?: string | null };

export const seedSapCustomers = (base: string, customers: SimCustomer[]) => call(`${base}/__sim/customers`, { customers });
export const seedSapInvoices = (base: string, invoices: SimInvoice[]) => call<{ accountingDocuments: string[] }>(`${base}/__sim/invoices`, { invoices });
export const settleSapInvoice = (base: string, invoiceNumber: string, how: "pay" | "credit", body: { date?: string; amount?: string } = {}) =>
  call<{ accountingDocument: string; clearingDocument: string }>(`${base}/__sim/invoices/${encodeURIComponent(invoiceNumber)}/${how}`, body);
export const setSapPeriod = (base: string, companyCode: string, period: string, open: boolean) => call(`${base}/__sim/periods`, { companyCode, period, open });
export const getSapLedger = (base: string) => call<SapLedgerSnapshot>(`${base}/__sim/ledger`, undefined, "GET");
