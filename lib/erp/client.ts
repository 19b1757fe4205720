// Cashline's ERP client: posts a receipt and its applications so that calling postReceipt again after ANY
// failure never books twice. With an ERP that honours idempotency keys every write carries one (the receipt's,
// then `${key}:app:${i}`); without (idempotencySupported: false) it looks up what already landed and skips it.
import { toMinor } from "../money/money.ts";
import { ErpCircuitOpenError, ErpPermanentError, ErpRetryableError } from "./errors.ts";
import { erpRequest, type ErpRequest, type ErpTransport } from "./http.ts";
import type { ErpCallGate } from "./circuit-breaker.ts";
import {
  applicationBody, erpApplicationSchema, erpCollection, erpReceiptSchema, normalisePosting, readErp, receiptBody,
  toErpApplication, toErpReceipt, type ErpApplicationPosting, type ErpPosting, type ErpReceipt, type ErpReceiptApplication,
} from "./posting.ts";

export const ERP_API_PREFIX = "/fscmRestApi/resources/11.13.18.05";

export type ErpClientOptions = {
  baseUrl: string;
  timeoutMs?: number; // per request, body included (default 10 s)
  fetch?: typeof fetch;
  idempotencySupported?: boolean; // default true; false = check before re-posting
  breaker?: ErpCallGate; // e.g. new CircuitBreaker(); every request goes through it
  /**
   * Extra tries of ONE request after a blip (a 5xx, a reset, a 429 asking for less than a second), a few tens of ms
   * apart — only for requests that are safe to repeat: reads, and writes carrying an idempotency key (default 2).
   * With an ERP failing one request in five, a posting of three requests otherwise failed as a whole half the time
   * and waited seconds for the job's retry.
   */
  requestRetries?: number;
};
export type ErpPostingResult = { erpReceiptId: string; applicationIds: string[] };
export type ErpCustomerAccount = { accountNumber: string; name: string; entity: string };

export type ErpClient = {
  postReceipt(posting: ErpPosting): Promise<ErpPostingResult>;
  /** Brings an ERP receipt's live applications to `target`: unapplies what is no longer there, applies what is new. */
  reviseApplications(erpReceiptId: string, currency: string, target: ErpApplicationPosting[], keyPrefix: string): Promise<ErpPostingResult>;
  lookupReceipt(receiptNumber: string, entity?: string): Promise<ErpReceipt | null>;
  findReceipts(filter: { receiptNumber?: string; entity?: string }): Promise<ErpReceipt[]>;
  getReceipt(erpReceiptId: string): Promise<ErpReceipt>;
  ensureCustomerAccount(account: ErpCustomerAccount): Promise<void>;
};

export function createErpClient(options: ErpClientOptions): ErpClient {
  const transport: ErpTransport = { baseUrl: options.baseUrl, timeoutMs: options.timeoutMs ?? 10_000, fetch: options.fetch ?? globalThis.fetch };
  const gate: ErpCallGate = options.breaker ?? { run: (call) => call() };
  const idempotent = options.idempotencySupported ?? true;
  const retries = options.requestRetries ?? 2;
  const send = async (req: ErpRequest) => {
    const safe = req.method === "GET" || req.idempotencyKey !== undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        return await gate.run(() => erpRequest(transport, req));
      } catch (e) {
        // A timeout already waited long: that goes back to the caller (and the job's backoff), like an open circuit.
        const quick = e instanceof ErpRetryableError && !(e instanceof ErpCircuitOpenError) && e.kind !== "timeout" && (e.retryAfterMs ?? 0) < 1000;
        if (!safe || !quick || attempt >= retries) throw e;
        await new Promise((r) => setTimeout(r, Math.max((e as ErpRetryableError).retryAfterMs ?? 0, 25 * 2 ** attempt * (1 + Math.random()))));
      }
    }
  };
  const receipts = `${ERP_API_PREFIX}/standardReceipts`;
  const applicationsPath = (id: string) => `${receipts}/${encodeURIComponent(id)}/child/receiptApplications`;

  async function findReceipts(filter: { receiptNumber?: string; entity?: string }): Promise<ErpReceipt[]> {
    const query: Record<string, string> = {};
    if (filter.receiptNumber) query.ReceiptNumber = filter.receiptNumber;
    if (filter.entity) query.BusinessUnit = filter.entity;
    const res = await send({ method: "GET", path: receipts, query });
    return readErp(erpCollection(erpReceiptSchema), res.body, "find receipts").items.map(toErpReceipt);
  }

  async function lookupReceipt(receiptNumber: string, entity?: string): Promise<ErpReceipt | null> {
    const found = await findReceipts({ receiptNumber, entity });
    if (found.length > 1) {
      throw new ErpPermanentError("conflict", `receipt number ${receiptNumber} matches ${found.length} ERP receipts (${found.map((r) => r.id).join(", ")}); resolve in the ERP`);
    }
    return found[0] ?? null;
  }

  async function getReceipt(id: string): Promise<ErpReceipt> {
    const res = await send({ method: "GET", path: `${receipts}/${encodeURIComponent(id)}` });
    return toErpReceipt(readErp(erpReceiptSchema, res.body, "get receipt"));
  }

  async function applicationsOf(receipt: ErpReceipt): Promise<ErpReceiptApplication[]> {
    if (receipt.applications) return receipt.applications;
    const res = await send({ method: "GET", path: applicationsPath(receipt.id) });
    return readErp(erpCollection(erpApplicationSchema), res.body, "list applications").items.map(toErpApplication);
  }

  async function createReceipt(p: ErpPosting, key?: string): Promise<string> {
    const res = await send({ method: "POST", path: receipts, body: receiptBody(p), idempotencyKey: key });
    return readErp(erpReceiptSchema, res.body, "create receipt").StandardReceiptId;
  }

  async function createApplication(receiptId: string, a: ErpApplicationPosting, key?: string): Promise<string> {
    const res = await send({ method: "POST", path: applicationsPath(receiptId), body: applicationBody(a), idempotencyKey: key });
    return readErp(erpApplicationSchema, res.body, "create application").ReceiptApplicationId;
  }

  async function postWithKeys(p: ErpPosting): Promise<ErpPostingResult> {
    const erpReceiptId = await createReceipt(p, p.idempotencyKey);
    const applicationIds: string[] = [];
    for (const [i, a] of p.applications.entries()) applicationIds.push(await createApplication(erpReceiptId, a, `${p.idempotencyKey}:app:${i}`));
    return { erpReceiptId, applicationIds };
  }

  // Check before (re-)posting. Sound as long as one caller at a time handles a given posting (the job's lock).
  async function postWithLookup(p: ErpPosting): Promise<ErpPostingResult> {
    const existing = await lookupReceipt(p.receiptNumber, p.entity);
    if (!existing) return postFresh(p);
    assertSameReceipt(existing, p);
    const landed = await applicationsOf(existing);
    if (landed.length > p.applications.length) throw diverged(p, existing, `it has ${landed.length} applications, the posting ${p.applications.length}`);
    landed.forEach((a, i) => {
      if (!sameApplication(a, p.applications[i]!, p.currency)) throw diverged(p, existing, `application ${i + 1} differs`);
    });
    const applicationIds = landed.map((a) => a.id);
    for (const a of p.applications.slice(landed.length)) applicationIds.push(await createApplication(existing.id, a));
    return { erpReceiptId: existing.id, applicationIds };
  }

  async function postFresh(p: ErpPosting): Promise<ErpPostingResult> {
    const erpReceiptId = await createReceipt(p);
    const applicationIds: string[] = [];
    for (const a of p.applications) applicationIds.push(await createApplication(erpReceiptId, a));
    return { erpReceiptId, applicationIds };
  }

  // Safe to call again after any failure: it starts from what the ERP holds now, and every write carries a key.
  async function reviseApplications(erpReceiptId: string, currency: string, target: ErpApplicationPosting[], keyPrefix: string): Promise<ErpPostingResult> {
    const live = (await applicationsOf(await getReceipt(erpReceiptId))).filter((a) => !a.reversed);
    const wanted = target.map((t) => ({ ...t, matched: false }));
    const stale: ErpReceiptApplication[] = [];
    for (const a of live) {
      const same = wanted.find((w) => !w.matched && sameApplication(a, w, currency));
      if (same) same.matched = true;
      else stale.push(a);
    }
    for (const a of stale) {
      await send({ method: "POST", path: `${applicationsPath(erpReceiptId)}/${encodeURIComponent(a.id)}/action/unapply`, body: {}, idempotencyKey: `${keyPrefix}:unapply:${a.id}` });
    }
    const applicationIds: string[] = [];
    for (const [i, w] of wanted.entries()) {
      if (w.matched) continue;
      const { matched: _m, ...app } = w;
      applicationIds.push(await createApplication(erpReceiptId, app, `${keyPrefix}:app:${i}`));
    }
    return { erpReceiptId, applicationIds };
  }

  return {
    findReceipts, lookupReceipt, getReceipt, reviseApplications,
    async postReceipt(posting) {
      const p = normalisePosting(posting);
      return idempotent ? postWithKeys(p) : postWithLookup(p);
    },
    async ensureCustomerAccount(account) {
      const body = { AccountNumber: account.accountNumber, Name: account.name, BusinessUnit: account.entity };
      try {
        await send({ method: "POST", path: `${ERP_API_PREFIX}/receivablesCustomerAccounts`, body });
      } catch (e) {
        if (!(e instanceof ErpPermanentError && e.status === 409)) throw e; // 409: it exists already
      }
    },
  };
}

function assertSameReceipt(r: ErpReceipt, p: ErpPosting): void {
  const same = r.currency === p.currency && toMinor(r.amount, r.currency) === toMinor(p.amount, p.currency) && r.date === p.date
    && r.bankAccount === p.bankAccount && (r.customerAccount ?? null) === (p.customerAccount ?? null);
  if (!same) throw diverged(p, r, `it is ${r.amount} ${r.currency} of ${r.date} on ${r.bankAccount}`);
}

function sameApplication(a: ErpReceiptApplication, want: ErpApplicationPosting, currency: string): boolean {
  return a.type === want.type && (a.invoiceNumber ?? null) === (want.invoiceNumber ?? null) && toMinor(a.amount, currency) === toMinor(want.amount, currency);
}

function diverged(p: ErpPosting, r: ErpReceipt, why: string): ErpPermanentError {
  return new ErpPermanentError("conflict", `receipt number ${p.receiptNumber} already exists in the ERP as receipt ${r.id} but does not match the posting (${why}); nothing was posted, resolve in the ERP`);
}

export type { ErpPosting, ErpApplicationPosting, ErpReceipt, ErpReceiptApplication };
