// Oracle NetSuite (SuiteTalk REST web services) behind the ErpAdapter interface. A receipt is one customerPayment
// with its apply sublist, written by upsert on our key (PUT …/customerPayment/eid:{externalId}): repeating it after
// any failure updates the same record to the same content, so nothing is booked twice. Unapply/reapply is a PATCH
// of the apply sublist (apply: false / new amounts), also a set-state write. Reads go through SuiteQL.
import type { ErpAdapter, ErpAdapterFactory, ErpCapabilities } from "../adapter.ts";
import { ErpPermanentError } from "../errors.ts";
import { normalisePosting, refuseCrossCurrency, type ErpApplicationPosting } from "../posting.ts";
import { createNetsuiteAuth } from "./auth.ts";
import { createLookups } from "./lookups.ts";
import { readCustomers, readOpenReceivables, readPeriods } from "./reads.ts";
import {
  allocationApplicationId, allocationsOf, externalIdFor, idFromLocation, invoiceApplicationId, paymentBody, paymentRecord,
  RECORD_PREFIX, splitApplications, toReceipt, type PaymentRecord,
} from "./records.ts";
import { lit, suiteql } from "./suiteql.ts";
import { accountGate, nsSend, tokenPost, type NsTransport } from "./transport.ts";
import { fromMinor, toMinor } from "../../money/money.ts";

/** Default concurrency limit: NetSuite service tier 1 without SuiteCloud Plus licences (15 concurrent requests). */
export const NETSUITE_DEFAULT_CONCURRENCY = 15;

export const NETSUITE_CAPABILITIES: ErpCapabilities = {
  idempotencyKeys: true,
  idempotencyMechanism: "externalId",
  maxBatchSize: 1,
  rateLimit: { concurrentRequests: NETSUITE_DEFAULT_CONCURRENCY },
  paymentAndApplicationsInOneCall: true,
  unapply: "application",
  crossCurrencyApplications: false,
};

const PAYMENT = `${RECORD_PREFIX}/customerPayment`;

export const createNetsuiteAdapter: ErpAdapterFactory = (config) => {
  const c = config.credentials;
  const limit = Number(c.concurrencyLimit ?? NETSUITE_DEFAULT_CONCURRENCY);
  const pageSize = Number(c.pageSize ?? 500);
  const base = { timeoutMs: config.timeoutMs ?? 10_000, fetch: config.fetch ?? globalThis.fetch, breaker: config.breaker ?? { run: <T>(call: () => Promise<T>) => call() } };
  const t: NsTransport = {
    ...base, baseUrl: config.baseUrl, retries: config.requestRetries ?? 2,
    auth: createNetsuiteAuth(config.baseUrl, c, tokenPost(base)),
    gate: accountGate(`${config.baseUrl}|${c.accountId ?? ""}`, limit),
  };
  const lookups = createLookups(t);

  async function paymentRaw(id: string): Promise<PaymentRecord> {
    const res = await nsSend(t, { method: "GET", path: `${PAYMENT}/${encodeURIComponent(id)}`, query: { expandSubResources: "true" } });
    const parsed = paymentRecord.safeParse(res.body);
    if (!parsed.success) throw new ErpPermanentError("bad_response", `customerPayment ${id}: unexpected NetSuite response (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`);
    return parsed.data;
  }

  async function getReceipt(id: string) {
    const r = await paymentRaw(id);
    const accounts = await lookups.accountNumbersOf([r.customer.id]);
    return toReceipt(r, accounts.get(r.customer.id) ?? null);
  }

  const adapter: ErpAdapter = {
    kind: "netsuite",
    capabilities: { ...NETSUITE_CAPABILITIES, rateLimit: { concurrentRequests: limit } },

    async testConnection() {
      await suiteql(t, "SELECT id FROM accountingperiod", 1);
      return { ok: true, detail: `NetSuite account ${c.accountId ?? ""} answered SuiteQL (${t.auth.mode === "m2m" ? "OAuth 2.0 M2M" : "token-based authentication"})` };
    },

    async postReceipt(posting) {
      const p = normalisePosting(posting);
      refuseCrossCurrency("NetSuite", "a customer payment takes one currency and one exchange rate, so NetSuite cannot apply a payment to an invoice in another currency (NetSuite enhancement 112956)", p.applications, p.receiptNumber);
      const customer = p.customerAccount ?? c.unidentifiedCustomer;
      if (!customer) throw new ErpPermanentError("invalid_posting", `receipt ${p.receiptNumber}: NetSuite needs a customer on a customer payment (set credentials.unidentifiedCustomer for receipts without one)`);
      const customerId = await lookups.requireCustomerId(customer);
      const { invoices } = splitApplications(p.applications, p.currency);
      const docIds = await lookups.invoiceIdsOf([...invoices.keys()]);
      // replace=apply: a repeat sets exactly the posting's lines again (an upsert otherwise merges the keyed sublist).
      const res = await nsSend(t, { method: "PUT", path: `${PAYMENT}/eid:${externalIdFor(p.idempotencyKey)}`, query: { replace: "apply" }, body: paymentBody(p, customerId, docIds) });
      const erpReceiptId = idFromLocation(res.location, `receipt ${p.receiptNumber}`);
      let alloc = 0;
      const applicationIds = p.applications.map((a) => a.type === "INVOICE" ? invoiceApplicationId(erpReceiptId, docIds.get(a.invoiceNumber!)!) : allocationApplicationId(erpReceiptId, alloc++));
      return { erpReceiptId, applicationIds };
    },

    async reviseApplications(erpReceiptId, currency, target, _keyPrefix) {
      refuseCrossCurrency("NetSuite", "a customer payment takes one currency and one exchange rate, so NetSuite cannot apply a payment to an invoice in another currency (NetSuite enhancement 112956)", target, erpReceiptId);
      const current = await paymentRaw(erpReceiptId);
      const live = new Map((current.apply?.items ?? []).filter((l) => l.apply).map((l) => [l.doc.id, toMinor(String(l.amount), currency)]));
      const normalised: ErpApplicationPosting[] = target.map((a) => ({ ...a, amount: fromMinor(toMinor(a.amount, currency), currency) }));
      const { invoices, allocations } = splitApplications(normalised, currency);
      const docIds = await lookups.invoiceIdsOf([...invoices.keys()]);
      const wanted = new Map([...invoices].map(([n, m]) => [docIds.get(n)!, m]));
      const items = [
        ...[...live.keys()].filter((doc) => !wanted.has(doc)).map((doc) => ({ doc: { id: doc }, apply: false })),
        ...[...wanted].filter(([doc, m]) => live.get(doc) !== m).map(([doc, m]) => ({ doc: { id: doc }, apply: true, amount: fromMinor(m, currency) })),
      ];
      const allocationsChanged = JSON.stringify(allocationsOf(current).map((a) => [a.type, a.amount, a.reason ?? null])) !== JSON.stringify(allocations.map((a) => [a.type, a.amount, a.reason ?? null]));
      if (items.length || allocationsChanged) {
        const body = { apply: { items }, ...(allocationsChanged ? { custbody_cashline_allocations: allocations.length ? JSON.stringify(allocations) : "" } : {}) };
        await nsSend(t, { method: "PATCH", path: `${PAYMENT}/${encodeURIComponent(erpReceiptId)}`, body });
      }
      // Like Oracle's: the ids of applications that are new (invoice lines added or changed; allocations when they changed).
      const applicationIds: string[] = [];
      let alloc = 0;
      for (const a of normalised) {
        if (a.type !== "INVOICE") {
          if (allocationsChanged) applicationIds.push(allocationApplicationId(erpReceiptId, alloc));
          alloc++;
          continue;
        }
        const doc = docIds.get(a.invoiceNumber!)!;
        if (live.get(doc) !== wanted.get(doc) && !applicationIds.includes(invoiceApplicationId(erpReceiptId, doc))) applicationIds.push(invoiceApplicationId(erpReceiptId, doc));
      }
      return { erpReceiptId, applicationIds };
    },

    async lookupReceipt(receiptNumber, entity) {
      const where = [`type = 'CustPymt'`, `tranid = ${lit(receiptNumber)}`, ...(entity ? [`subsidiary = ${lit(entity)}`] : [])];
      const found = await suiteql(t, `SELECT id FROM transaction WHERE ${where.join(" AND ")}`, 10);
      if (found.items.length > 1) throw new ErpPermanentError("conflict", `receipt number ${receiptNumber} matches ${found.items.length} NetSuite customer payments (${found.items.map((r) => r.id).join(", ")}); resolve in NetSuite`);
      return found.items[0] ? getReceipt(String(found.items[0].id)) : null;
    },

    getReceipt,

    async ensureCustomerAccount(account) {
      if (await lookups.customerId(account.accountNumber)) return;
      const res = await nsSend(t, {
        method: "PUT", path: `${RECORD_PREFIX}/customer/eid:${externalIdFor(account.accountNumber)}`,
        body: { entityId: account.accountNumber, companyName: account.name, subsidiary: { id: account.entity } },
      });
      lookups.rememberCustomer(idFromLocation(res.location, `customer ${account.accountNumber}`), account.accountNumber);
    },

    readCustomers: (q) => readCustomers(t, lookups, q, pageSize),
    readOpenReceivables: (q) => readOpenReceivables(t, lookups, q, pageSize),

    async publishInvoice(inv) {
      const customerId = await lookups.requireCustomerId(inv.customerAccount);
      const amount = fromMinor(toMinor(inv.amount, inv.currency), inv.currency);
      const res = await nsSend(t, {
        method: "PUT", path: `${RECORD_PREFIX}/invoice/eid:${externalIdFor(inv.idempotencyKey)}`,
        body: {
          tranId: inv.invoiceNumber, entity: { id: customerId }, subsidiary: { id: inv.entity }, currency: { id: inv.currency }, tranDate: inv.issueDate,
          dueDate: inv.dueDate, memo: inv.description ?? null,
          item: { items: [{ item: { id: c.invoiceItemId ?? "1" }, amount, description: inv.description ?? inv.invoiceNumber }] },
        },
      });
      const id = idFromLocation(res.location, `invoice ${inv.invoiceNumber}`);
      const got = await nsSend(t, { method: "GET", path: `${RECORD_PREFIX}/invoice/${id}` });
      const tranId = (got.body as { tranId?: unknown }).tranId;
      if (typeof tranId !== "string") throw new ErpPermanentError("bad_response", `invoice ${id}: NetSuite answered without a tranId`);
      return { erpDocumentId: id, erpDocumentNumber: tranId };
    },

    readPeriods: () => readPeriods(t),
  };
  return adapter;
};
