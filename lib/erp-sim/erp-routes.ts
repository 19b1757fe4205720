// The receivables REST API, shaped like Oracle Fusion's (resource paths, q= filters, items/count collections).
// Pure request → response over the ledger state: no sockets, no faults (server.ts adds those).
import { SimError } from "./sim-error.ts";
import { fingerprint, replayFor, validateKey, type IdempotencyRecord } from "./idempotency.ts";
import {
  applicationsOf, applyToReceipt, reverseApplication, createCustomerAccount, createReceipt, findCustomerAccount, findReceipts, getReceipt,
  RECEIPT_FILTERS, receiptView, type LedgerState, type ReceiptFilter,
} from "./ledger.ts";
import { createApplicationBody, createCustomerAccountBody, createReceiptBody, parseBody } from "./schemas.ts";
import { handleReceivablesRequest, RECEIVABLES_RESOURCES } from "./receivables-routes.ts";

export const ERP_API_PREFIX = "/fscmRestApi/resources/11.13.18.05";

export type ErpRequest = { method: string; path: string; query: URLSearchParams; body: unknown; idempotencyKey?: string };
export type ErpResponse = { status: number; body: unknown; committed: boolean; replayed?: boolean };

type Created = { body: unknown; resource: IdempotencyRecord["resource"] };

export function handleErpRequest(state: LedgerState, req: ErpRequest): ErpResponse {
  const rest = req.path.slice(ERP_API_PREFIX.length);
  const parts = rest.split("/").filter(Boolean).map(decodeURIComponent);
  const [resource, id, child, childResource] = parts;

  if (resource === "standardReceipts" && parts.length === 1) {
    if (req.method === "GET") return ok(collection(findReceipts(state, receiptFilter(req.query)).map((r) => receiptView(state, r)), req.query));
    if (req.method === "POST") return write(state, req, () => {
      const receipt = createReceipt(state, parseBody(createReceiptBody, req.body));
      return { body: receipt, resource: { type: "standardReceipt", id: receipt.StandardReceiptId } };
    });
  } else if (resource === "standardReceipts" && parts.length === 2) {
    if (req.method === "GET") return ok(receiptView(state, getReceipt(state, receiptId(id!))));
  } else if (resource === "standardReceipts" && child === "child" && childResource === "receiptApplications" && parts.length === 4) {
    const rid = receiptId(id!);
    if (req.method === "GET") return ok(collection(applicationsOf(state, getReceipt(state, rid).StandardReceiptId), req.query));
    if (req.method === "POST") return write(state, req, () => {
      const application = applyToReceipt(state, rid, parseBody(createApplicationBody, req.body));
      return { body: application, resource: { type: "receiptApplication", id: application.ReceiptApplicationId } };
    });
  } else if (resource === "standardReceipts" && child === "child" && childResource === "receiptApplications" && parts.length === 7 && parts[5] === "action" && parts[6] === "unapply") {
    // POST .../standardReceipts/{id}/child/receiptApplications/{applicationId}/action/unapply
    if (req.method === "POST") return write(state, req, () => {
      const application = reverseApplication(state, receiptId(id!), receiptId(parts[4]!));
      return { body: application, resource: { type: "receiptApplication", id: application.ReceiptApplicationId } };
    });
  } else if (resource === "receivablesCustomerAccounts" && parts.length === 1) {
    if (req.method === "GET") {
      // Incremental reads (q=LastUpdateDate>…, expand=customerBankAccounts) go to the receivables routes.
      if (req.query.has("expand") || /[<>]/.test(req.query.get("q") ?? "")) return handleReceivablesRequest(state, req, parts, (p) => write(state, req, p));
      const q = parseQ(req.query);
      const wanted = q.AccountNumber ?? req.query.get("AccountNumber") ?? undefined;
      const unit = q.BusinessUnit ?? req.query.get("BusinessUnit") ?? undefined;
      return ok(collection(state.customerAccounts.filter((a) => (!wanted || a.AccountNumber === wanted) && (!unit || a.BusinessUnit === unit)), req.query));
    }
    if (req.method === "POST") return write(state, req, () => {
      const account = createCustomerAccount(state, parseBody(createCustomerAccountBody, req.body));
      return { body: account, resource: { type: "customerAccount", id: account.CustomerAccountId } };
    });
  } else if (resource === "receivablesCustomerAccounts" && parts.length === 2) {
    if (req.method === "GET") {
      const account = findCustomerAccount(state, id!);
      if (!account) throw new SimError(404, "ACCOUNT_NOT_FOUND", `customer account ${id} does not exist`);
      return ok(account);
    }
  } else if (RECEIVABLES_RESOURCES.has(resource ?? "")) {
    return handleReceivablesRequest(state, req, parts, (p) => write(state, req, p));
  } else {
    throw new SimError(404, "NO_SUCH_RESOURCE", `no resource at ${req.path}`);
  }
  throw new SimError(405, "METHOD_NOT_ALLOWED", `${req.method} is not supported on ${req.path}`);
}

function ok(body: unknown): ErpResponse {
  return { status: 200, body, committed: false };
}

/** A write under an optional Idempotency-Key: replayed when seen before, otherwise performed and remembered. */
function write(state: LedgerState, req: ErpRequest, perform: () => Created): ErpResponse {
  const key = validateKey(req.idempotencyKey);
  const print = fingerprint(req.method, req.path, req.body);
  if (key !== undefined) {
    const previous = replayFor(state.idempotencyKeys, key, print);
    if (previous) return { status: 200, body: previous.body, committed: false, replayed: true };
  }
  const created = perform();
  if (key !== undefined) {
    state.idempotencyKeys[key] = {
      key, method: req.method, path: req.path, fingerprint: print, status: 201, body: created.body, resource: created.resource, createdAt: new Date().toISOString(),
    };
  }
  return { status: 201, body: created.body, committed: true };
}

function receiptId(raw: string): number {
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id)) throw new SimError(404, "RECEIPT_NOT_FOUND", `standard receipt ${raw} does not exist`);
  return id;
}

/** Oracle-style `q=ReceiptNumber=R-1;BusinessUnit=US01` (values optionally quoted); plain `?ReceiptNumber=` also works. */
export function parseQ(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const clause of (query.get("q") ?? "").split(";")) {
    const eq = clause.indexOf("=");
    if (eq <= 0) continue;
    out[clause.slice(0, eq).trim()] = clause.slice(eq + 1).trim().replace(/^(['"])(.*)\1$/, "$2");
  }
  return out;
}

function receiptFilter(query: URLSearchParams): ReceiptFilter {
  const q = parseQ(query);
  const filter: ReceiptFilter = {};
  for (const f of RECEIPT_FILTERS) {
    const v = q[f] ?? query.get(f);
    if (v !== null && v !== undefined) filter[f] = v;
  }
  return filter;
}

function collection<T>(items: T[], query: URLSearchParams) {
  const limit = Math.min(Math.max(Number(query.get("limit") ?? 500) || 500, 1), 5000);
  const offset = Math.max(Number(query.get("offset") ?? 0) || 0, 0);
  const page = items.slice(offset, offset + limit);
  return { items: page, count: page.length, hasMore: offset + limit < items.length, limit, offset, totalResults: items.length };
}
