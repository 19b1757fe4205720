// Microsoft Dynamics 365 Business Central behind the one ErpAdapter interface, through BC's API v2.0
// (`/v2.0/{tenant}/{environment}/api/v2.0/companies({id})/…`) and, for posted customer ledger entries, the finance
// reports API. One adapter = one BC company (= one Cashline legal entity): `companyId` in the credentials, else the
// company whose name is the entity. Credentials: {tenantId, clientId, clientSecret, environment?, tokenUrl?,
// companyId?, companyName?, revenueAccountNumber? (invoice lines, default 6110), writeOffAccountNumber? (default 8610),
// suspenseCustomerNumber? (where unidentified receipts go), balancingAccountId? (G/L account id balancing the journals)}.
// See receipts.ts for how exactly-once works without idempotency keys.
import type { ErpAdapter, ErpAdapterFactory, ErpCapabilities } from "../adapter.ts";
import { ErpPermanentError } from "../errors.ts";
import { createMasterData } from "./master-data.ts";
import { createReceipts, type BcContext } from "./receipts.ts";
import { createBcTransport, lit, valuesOf } from "./transport.ts";

export const BC_CAPABILITIES: ErpCapabilities = {
  idempotencyKeys: false,
  idempotencyMechanism: "documentNumber",
  maxBatchSize: 1,
  // BC online: 6,000 requests per user in a 5-minute sliding window (= 20/s sustained), 5 concurrent (+95 queued).
  rateLimit: { requestsPerSecond: 20, concurrentRequests: 5 },
  paymentAndApplicationsInOneCall: false, // a journal line per application (write-offs in a general journal), then each journal's post action
  // API v2.0 exposes no customer-entry unapply: the Cashline BC extension (lib/erp/bc/extension) publishes one; without
  // it a revision that changes anything is refused naming the missing extension (see revise.ts)
  unapply: "application",
  requires: ["Cashline BC extension (lib/erp/bc/extension): API cashline/finance/v1.0 for unapply/reapply"],
  crossCurrencyApplications: false,
};

export const createBcAdapter: ErpAdapterFactory = (config) => {
  const cred = config.credentials;
  for (const k of ["tenantId", "clientId", "clientSecret"]) {
    if (!cred[k]) throw new ErpPermanentError("invalid_posting", `Business Central connection: credentials.${k} is required`);
  }
  const t = createBcTransport({
    baseUrl: config.baseUrl, tenantId: cred.tenantId!, environment: cred.environment || "production", clientId: cred.clientId!, clientSecret: cred.clientSecret!,
    tokenUrl: cred.tokenUrl || `https://login.microsoftonline.com/${encodeURIComponent(cred.tenantId!)}/oauth2/v2.0/token`,
    timeoutMs: config.timeoutMs ?? 10_000, fetch: config.fetch ?? globalThis.fetch, breaker: config.breaker, requestRetries: config.requestRetries ?? 2,
  });
  const companies = new Map<string, string>(); // name → id
  const names = new Map<string, string>(); // id → name
  const lcys = new Map<string, Promise<string>>();
  if (cred.companyId) names.set(cred.companyId, cred.companyName || cred.companyId);

  const ctx: BcContext = {
    t,
    async companyId(entity) {
      if (cred.companyId) return cred.companyId;
      const name = cred.companyName || entity;
      if (!name) throw new ErpPermanentError("invalid_posting", "Business Central connection: set credentials.companyId or companyName (no entity to find the company by)");
      const known = companies.get(name);
      if (known) return known;
      const res = await t.send({ method: "GET", path: "/companies", query: { $filter: `name eq ${lit(name)}` } });
      const found = valuesOf(res.body, "companies")[0];
      if (!found) throw new ErpPermanentError("http", `Business Central environment has no company named "${name}"`, { status: 404 });
      companies.set(name, String(found.id));
      names.set(String(found.id), name);
      return String(found.id);
    },
    lcy(cid) {
      let p = lcys.get(cid);
      if (!p) {
        p = t.send({ method: "GET", path: `/companies(${cid})/generalLedgerSetup` }).then((res) => {
          const code = valuesOf(res.body, "general ledger setup")[0]?.localCurrencyCode;
          if (typeof code !== "string" || !code) throw new ErpPermanentError("bad_response", "Business Central General Ledger Setup has no localCurrencyCode");
          return code;
        });
        p.catch(() => lcys.delete(cid));
        lcys.set(cid, p);
      }
      return p;
    },
    entityName: (cid) => names.get(cid) ?? cid,
    writeOffAccountNumber: cred.writeOffAccountNumber || "8610",
    suspenseCustomerNumber: cred.suspenseCustomerNumber || null,
    balancingAccountId: cred.balancingAccountId || null,
  };
  const receipts = createReceipts(ctx);
  const master = createMasterData(ctx, { revenueAccountNumber: cred.revenueAccountNumber || "6110" });

  return {
    kind: "bc",
    capabilities: BC_CAPABILITIES,
    async testConnection() {
      const res = await t.send({ method: "GET", path: "/companies" });
      const list = valuesOf(res.body, "companies");
      return { ok: true, detail: `Business Central ${cred.environment || "production"} answered: ${list.length} compan${list.length === 1 ? "y" : "ies"} visible (${list.slice(0, 5).map((c) => c.name).join(", ")})` };
    },
    postReceipt: receipts.postReceipt,
    reviseApplications: (id, currency, target, _keyPrefix, options) => receipts.reviseApplications(id, currency, target, options),
    lookupReceipt: receipts.lookupReceipt,
    getReceipt: receipts.getReceipt,
    ensureCustomerAccount: master.ensureCustomerAccount,
    readCustomers: master.readCustomers,
    readOpenReceivables: master.readOpenReceivables,
    publishInvoice: master.publishInvoice,
    readPeriods: master.readPeriods,
  } satisfies ErpAdapter;
};
