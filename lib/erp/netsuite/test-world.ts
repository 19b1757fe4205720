// Test support (not a test): a NetSuite simulator on a free port with two customers and three open invoices, and
// adapter configs for its generated M2M and TBA credentials.
import { startNetsuiteSim, type NetsuiteSim, type NetsuiteSimOptions } from "../../erp-sim/netsuite/index.ts";
import { seedCustomers, seedInvoices } from "../../erp-sim/netsuite/sim-control.ts";
import type { ErpConnectionConfig } from "../adapter.ts";

export async function startWorld(options: NetsuiteSimOptions = {}) {
  const sim: NetsuiteSim = await startNetsuiteSim(options);
  const m2m = (extra: Partial<ErpConnectionConfig> = {}, creds: Record<string, string> = {}): ErpConnectionConfig =>
    ({ kind: "netsuite", baseUrl: sim.url, credentials: { ...sim.credentials.m2m!, ...creds }, timeoutMs: 2_000, ...extra });
  const tba = (extra: Partial<ErpConnectionConfig> = {}, creds: Record<string, string> = {}): ErpConnectionConfig =>
    ({ kind: "netsuite", baseUrl: sim.url, credentials: { ...sim.credentials.tba!, ...creds }, timeoutMs: 2_000, ...extra });
  return { sim, m2m, tba, seed: () => seed(sim.url) };
}

export async function seed(url: string) {
  await seedCustomers(url, [
    { accountNumber: "C-100", name: "Acme GmbH", entity: "DE01", bankAccounts: ["DE89370400440532013000"] },
    { accountNumber: "C-200", name: "Globex AG", entity: "DE01" },
  ]);
  await seedInvoices(url, [
    { invoiceNumber: "INV-1", customerAccount: "C-100", currency: "EUR", amount: "100.00", issueDate: "2026-03-01", dueDate: "2026-03-31" },
    { invoiceNumber: "INV-2", customerAccount: "C-100", currency: "EUR", amount: "250.50", issueDate: "2026-03-01" },
    { invoiceNumber: "INV-3", customerAccount: "C-200", currency: "EUR", amount: "80.00", issueDate: "2026-03-02" },
  ]);
}
