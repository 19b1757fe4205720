// Test fixture: an in-process SAP simulator seeded with customers and open invoices, and an adapter on it.
import { startSapSim, SAP_SIM_DEFAULT_AUTH, type SapSim, type SapSimOptions } from "../../erp-sim/sap/index.ts";
import { seedSapCustomers, seedSapInvoices } from "../../erp-sim/sap/sim-control.ts";
import type { ErpConnectionConfig } from "../adapter.ts";
import { createSapAdapter } from "./adapter.ts";

export const OAUTH = { clientId: SAP_SIM_DEFAULT_AUTH.clientId, clientSecret: SAP_SIM_DEFAULT_AUTH.clientSecret };
export const BASIC = { user: SAP_SIM_DEFAULT_AUTH.user, password: SAP_SIM_DEFAULT_AUTH.password };

export async function startSeededSim(options: SapSimOptions = {}): Promise<SapSim> {
  const sim = await startSapSim({ rateLimitPerSecond: null, ...options });
  await seed(sim.url);
  return sim;
}

export async function seed(url: string, invoices = 3) {
  await seedSapCustomers(url, [
    { customer: "C1", name: "Acme GmbH", companyCodes: ["DE01"], bankAccounts: ["DE89370400440532013000"] },
    { customer: "C2", name: "Beta AG", companyCodes: ["DE01", "US01"] },
  ]);
  await seedSapInvoices(url, Array.from({ length: invoices }, (_, i) => ({
    invoiceNumber: `INV-${i + 1}`, customer: "C1", companyCode: "DE01", currency: "EUR", amount: "100.00", issueDate: "2026-03-01", dueDate: "2026-03-31",
  })));
}

export function sapAdapter(url: string, extra: Partial<ErpConnectionConfig> = {}, credentials: Record<string, string> = OAUTH) {
  return createSapAdapter({ kind: "sap", baseUrl: url, credentials, timeoutMs: 2000, ...extra });
}
