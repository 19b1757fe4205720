// Talking to a running NetSuite simulator's control plane over HTTP (tests, demo): seed and read the ledger.
async function call<T>(base: string, path: string, method: "GET" | "POST", body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export type SeedCustomer = { accountNumber: string; name: string; entity: string; bankAccounts?: string[]; parentAccountNumber?: string | null };
export type SeedInvoice = { invoiceNumber: string; customerAccount: string; currency: string; amount: string; issueDate: string; dueDate?: string | null };
export type NormalisedReceipt = {
  id: string; receiptNumber: string; entity: string; currency: string; amount: string; customerAccount: string | null; date: string; externalId: string | null;
  applications: { id: string; type: "INVOICE" | "ON_ACCOUNT" | "WRITE_OFF" | "UNAPPLIED"; invoiceNumber: string | null; amount: string; reversed: boolean }[];
};
export type NetsuiteLedger = {
  receipts: NormalisedReceipt[];
  invoices: { id: string; tranId: string; total: number; amountRemaining: number; externalId?: string }[];
  customers: { id: string; entityId: string; externalId?: string }[];
  counts: { receipts: number; applications: number; reversedApplications: number; customers: number; invoices: number; periods: number };
  requests: { erp: number }; concurrency: { limit: number; refused: number };
  faultStats: { maintenance: number; rate_limited: number; errors: number; dropped_after_commit: number };
};

export const seedCustomers = (base: string, customers: SeedCustomer[]) => call<{ customers: { id: string; accountNumber: string }[] }>(base, "/__sim/customers", "POST", { customers });
export const seedInvoices = (base: string, invoices: SeedInvoice[]) => call<{ invoices: { id: string; invoiceNumber: string }[] }>(base, "/__sim/invoices", "POST", { invoices });
export const settleInErp = (base: string, invoiceNumber: string, how: "pay" | "credit", amount?: string) =>
  call<unknown>(base, `/__sim/invoices/${encodeURIComponent(invoiceNumber)}/${how}`, "POST", amount === undefined ? {} : { amount });
export const setPeriods = (base: string, periods: { name?: string; start: string; end: string; closed?: boolean; arLocked?: boolean }[]) => call<unknown>(base, "/__sim/periods", "POST", { periods });
export const netsuiteLedger = (base: string) => call<NetsuiteLedger>(base, "/__sim/ledger", "GET");
export const netsuiteFaults = (base: string, settings: Record<string, number | null>) => call<unknown>(base, "/__sim/faults", "POST", settings);
export const resetNetsuite = (base: string, seed?: number) => call<unknown>(base, "/__sim/reset", "POST", seed === undefined ? {} : { seed });
