// Oracle Fusion Cloud Receivables behind the one ErpAdapter interface: today's client (lib/erp/client.ts, the
// `standardReceipts` / `receiptApplications` REST resources with an Idempotency-Key on every write).
// Master data in, invoice publication and periods: ./master-data.ts.
import { createErpClient } from "../client.ts";
import type { ErpAdapter, ErpAdapterFactory, ErpCapabilities } from "../adapter.ts";
import { ERP_API_PREFIX } from "../client.ts";
import { erpRequest } from "../http.ts";
import { oracleMasterData, oracleSender } from "./master-data.ts";

export const ORACLE_CAPABILITIES: ErpCapabilities = {
  idempotencyKeys: true,
  idempotencyMechanism: "header",
  maxBatchSize: 1,
  rateLimit: {},
  paymentAndApplicationsInOneCall: false,
  unapply: "application",
  crossCurrencyApplications: true,
};

export const createOracleAdapter: ErpAdapterFactory = (config) => {
  const client = createErpClient({
    baseUrl: config.baseUrl, timeoutMs: config.timeoutMs, fetch: config.fetch, breaker: config.breaker,
    requestRetries: config.requestRetries, idempotencySupported: config.credentials.idempotencySupported !== "false",
  });
  const transport = { baseUrl: config.baseUrl, timeoutMs: config.timeoutMs ?? 10_000, fetch: config.fetch ?? globalThis.fetch };
  const masterData = oracleMasterData(oracleSender(transport, config.breaker ?? { run: (call) => call() }, config.requestRetries ?? 2));
  const adapter: ErpAdapter = {
    kind: "oracle",
    capabilities: ORACLE_CAPABILITIES,
    async testConnection() {
      const transport = { baseUrl: config.baseUrl, timeoutMs: config.timeoutMs ?? 10_000, fetch: config.fetch ?? globalThis.fetch };
      const res = await erpRequest(transport, { method: "GET", path: `${ERP_API_PREFIX}/receivablesCustomerAccounts`, query: { limit: "1" } });
      return { ok: true, detail: `Oracle Fusion receivables answered ${res.status}` };
    },
    postReceipt: (p) => client.postReceipt(p),
    reviseApplications: (id, currency, target, keyPrefix) => client.reviseApplications(id, currency, target, keyPrefix),
    lookupReceipt: (n, e) => client.lookupReceipt(n, e),
    getReceipt: (id) => client.getReceipt(id),
    ensureCustomerAccount: (a) => client.ensureCustomerAccount(a),
    readCustomers: (q) => masterData.readCustomers(q),
    readOpenReceivables: (q) => masterData.readOpenReceivables(q),
    publishInvoice: (inv) => masterData.publishInvoice(inv),
    readPeriods: (entity) => masterData.readPeriods(entity),
  };
  return adapter;
};
