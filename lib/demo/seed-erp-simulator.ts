// Bulk master data into an ERP simulator through its control plane (POST /__sim/customers, /__sim/invoices: "as if
// entered in the ERP"), each simulator in its own body shape. For volumes the vendor's API cannot take in time:
// bench:pipeline's 12,500 open invoices would be ~50,000 Business Central API requests through publication, over
// 40 minutes at BC's 6,000 requests / 5 min. The demo primes through the real API instead (./prime-demo-erps.ts).
import type { ErpKind } from "../erp/adapter.ts";

export type SimCustomer = { accountNumber: string; name: string; entity: string; currency: string; bankAccounts?: string[] };
export type SimInvoice = { invoiceNumber: string; customerAccount: string; entity: string; currency: string; amount: string; issueDate: string; dueDate: string };

const CHUNK = 1000;

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${(await res.text()).slice(0, 500)}`);
}

function bodies(kind: ErpKind, customers: SimCustomer[], invoices: SimInvoice[]): { customers: unknown; invoices: (chunk: SimInvoice[]) => unknown } {
  switch (kind) {
    case "sap":
      return {
        customers: { customers: customers.map((c) => ({ customer: c.accountNumber, name: c.name.slice(0, 80), companyCodes: [c.entity], bankAccounts: c.bankAccounts ?? [] })) },
        invoices: (chunk) => ({ invoices: chunk.map((i) => ({ invoiceNumber: i.invoiceNumber, customer: i.customerAccount, companyCode: i.entity, currency: i.currency, amount: i.amount, issueDate: i.issueDate, dueDate: i.dueDate })) }),
      };
    case "bc":
      return {
        customers: customers.map((c) => ({ entity: c.entity, accountNumber: c.accountNumber, name: c.name, currency: c.currency, bankAccounts: c.bankAccounts ?? [] })),
        invoices: (chunk) => chunk.map((i) => ({ entity: i.entity, invoiceNumber: i.invoiceNumber, customerAccount: i.customerAccount, currency: i.currency, amount: i.amount, issueDate: i.issueDate, dueDate: i.dueDate })),
      };
    case "netsuite":
      return {
        customers: { customers: customers.map((c) => ({ accountNumber: c.accountNumber, name: c.name, entity: c.entity, bankAccounts: c.bankAccounts ?? [] })) },
        invoices: (chunk) => ({ invoices: chunk.map((i) => ({ invoiceNumber: i.invoiceNumber, customerAccount: i.customerAccount, currency: i.currency, amount: i.amount, issueDate: i.issueDate, dueDate: i.dueDate })) }),
      };
    case "oracle":
      // Oracle's simulator creates a customer with the invoice (BillToCustomerNumber + BillToCustomerName).
      return {
        customers: null,
        invoices: (chunk) => chunk.map((i) => ({ TransactionNumber: i.invoiceNumber, BusinessUnit: i.entity, BillToCustomerNumber: i.customerAccount, InvoiceCurrencyCode: i.currency, Amount: i.amount, TransactionDate: i.issueDate, DueDate: i.dueDate })),
      };
  }
}

/** Customers, then invoices in chunks; Oracle's simulator takes one invoice per request. */
export async function seedErpSimulator(kind: ErpKind, baseUrl: string, customers: SimCustomer[], invoices: SimInvoice[]): Promise<void> {
  const b = bodies(kind, customers, invoices);
  const base = baseUrl.replace(/\/$/, "");
  if (b.customers && customers.length) await post(`${base}/__sim/customers`, b.customers);
  if (kind === "oracle") {
    for (const one of b.invoices(invoices) as unknown[]) await post(`${base}/__sim/invoices`, one);
    return;
  }
  for (let i = 0; i < invoices.length; i += CHUNK) await post(`${base}/__sim/invoices`, b.invoices(invoices.slice(i, i + CHUNK)));
}
