// SAP S/4HANA Cloud behind the ErpAdapter interface, per SAP's published APIs (communication scenario
// SAP_COM_0002 "Finance – Posting Integration" for the SOAP writes; API_BUSINESS_PARTNER and
// API_OPLACCTGDOCITEMCUBE_SRV for the OData reads). See lib/erp-sim/sap/README.md for the vendor documents.
// Credentials: {clientId, clientSecret, tokenUrl?} (OAuth 2.0 client credentials) or {user, password}
// (communication user); G/L accounts: bankGLAccount (or bankGLAccounts "BANK-1=0011001000,…"), writeOffGLAccount,
// unappliedGLAccount, revenueGLAccount; periodService (the custom CDS view serving posting period status).
import type { ErpAdapter, ErpAdapterFactory, ErpCapabilities } from "../adapter.ts";
import { createSapMasterData } from "./master-data.ts";
import { createSapPosting } from "./post-receipt.ts";
import { BP_SERVICE, DEFAULT_PERIOD_SERVICE } from "./reads.ts";
import { publicReceipt, type SapAccounts } from "./receipt.ts";
import { createSapTransport } from "./transport.ts";

export const SAP_CAPABILITIES: ErpCapabilities = {
  // Journal Entry – Post (Synchronous) takes no idempotency key: the adapter looks the receipt number up in
  // DocumentReferenceID before (re-)posting; asynchronous clearing is deduplicated by SAP per message ID.
  idempotencyKeys: false,
  idempotencyMechanism: "documentNumber",
  // JournalEntryBulkCreateRequest: the adapter sends side-by-side postings of a batch together (bulk-calls.ts).
  maxBatchSize: 50,
  // SAP publishes no fixed rate for S/4HANA Cloud APIs (fair-use throttling answers 429); the simulator's default.
  rateLimit: { requestsPerSecond: 50 },
  paymentAndApplicationsInOneCall: true,
  unapply: "application",
  crossCurrencyApplications: false,
};

export function sapAccounts(credentials: Record<string, string>): SapAccounts {
  const byBank = new Map((credentials.bankGLAccounts ?? "").split(",").map((pair) => pair.split("=").map((s) => s.trim()) as [string, string]).filter(([k, v]) => k && v));
  const bankDefault = credentials.bankGLAccount ?? "0011001000";
  return {
    bankGL: (bankAccount) => byBank.get(bankAccount) ?? bankDefault,
    writeOffGL: credentials.writeOffGLAccount ?? "0065000000",
    unappliedGL: credentials.unappliedGLAccount ?? "0011009900",
    revenueGL: credentials.revenueGLAccount ?? "0041000000",
  };
}

export const createSapAdapter: ErpAdapterFactory = (config) => {
  const t = createSapTransport(config);
  const acc = sapAccounts(config.credentials);
  const posting = createSapPosting(t, acc);
  const master = createSapMasterData(t, acc, posting, config.credentials.periodService ?? DEFAULT_PERIOD_SERVICE);
  const adapter: ErpAdapter = {
    kind: "sap",
    capabilities: SAP_CAPABILITIES,
    async testConnection() {
      await t.odataGet(`${BP_SERVICE}/A_BusinessPartner`, { $top: "1", $select: "BusinessPartner" });
      const how = config.credentials.clientId ? "OAuth 2.0 client credentials" : "communication user";
      return { ok: true, detail: `SAP S/4HANA Cloud answered API_BUSINESS_PARTNER (${how})` };
    },
    postReceipt: (p) => posting.postReceipt(p),
    reviseApplications: (id, currency, target, keyPrefix, options) => posting.reviseApplications(id, currency, target, keyPrefix, options),
    async lookupReceipt(receiptNumber, entity) {
      const f = await posting.family(receiptNumber, entity);
      return f ? publicReceipt(f) : null;
    },
    getReceipt: async (id) => publicReceipt(await posting.familyById(id)),
    ensureCustomerAccount: (a) => master.ensureCustomerAccount(a),
    readCustomers: (q) => master.readCustomers(q),
    readOpenReceivables: (q) => master.readOpenReceivables(q),
    publishInvoice: (i) => master.publishInvoice(i),
    readPeriods: (e) => master.readPeriods(e),
  };
  return adapter;
};
