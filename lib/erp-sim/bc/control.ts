// Talking to a running BC simulator's control plane (tests, the demo): seeding, settling in the ERP, periods, ledger.
// Faults and reset use the shared helpers of ../sim-control.ts (same paths).
import type { BcState } from "./state.ts";

export type BcLedger = {
  companies: BcState["companies"];
  receipts: { id: string; receiptNumber: string; entity: string; currency: string; amount: string; customerAccount: string | null; date: string; applications: { id: string; type: string; invoiceNumber: string | null; amount: string; reversed: boolean }[] }[];
  counts: { receipts: number; applications: number; ledgerEntries: number; glEntries: number; glJournalLines: number; journalLines: number; journals: number; invoices: number; customers: number };
  requests: { erp: number };
  faultStats: { maintenance: number; rate_limited: number; errors: number; dropped_after_commit: number };
};

async function call<T>(url: string, method: "GET" | "POST", body?: unknown): Promise<T> {
  const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export const seedCustomers = (base: string, customers: { entity: string; accountNumber: string; name?: string; currency?: string; bankAccounts?: string[] }[]) => call(`${base}/__sim/customers`, "POST", customers);
export const seedInvoices = (base: string, invoices: { entity: string; invoiceNumber: string; customerAccount: string; currency: string; amount: string; openAmount?: string; issueDate: string; dueDate?: string }[]) => call(`${base}/__sim/invoices`, "POST", invoices);
export const settleInErp = (base: string, invoiceNumber: string, how: "pay" | "credit", body: { entity?: string; amount?: string } = {}) => call(`${base}/__sim/invoices/${encodeURIComponent(invoiceNumber)}/${how}`, "POST", body);
export const setPeriod = (base: string, body: { entity: string; start: string; open: boolean }) => call(`${base}/__sim/periods`, "POST", body);
export const revokeTokens = (base: string) => call(`${base}/__sim/tokens/revoke`, "POST", {});
export const getBcLedger = (base: string) => call<BcLedger>(`${base}/__sim/ledger`, "GET");
