// The NetSuite simulator's HTTP server. Per API request, in order: concurrency governance (more requests in flight
// than the account's limit → 429 CONCURRENCY_LIMIT_EXCEEDED), authentication (bearer token or TBA → 401
// INVALID_LOGIN), injected latency and faults (lib/erp-sim/faults.ts), the record service or SuiteQL, and after a
// committed write, drop-after-commit. The token endpoint and /__sim/* are never faulted.
import type http from "node:http";
import { createRng, type Rng } from "../rng.ts";
import { createFaults, type InjectedFault } from "../faults.ts";
import { dropAfterCommit, faultGate, header, listen, readBody } from "../http-plumbing.ts";
import { handleAdmin, type AdminContext } from "./admin.ts";
import { createAuth, TOKEN_PATH, type M2mClient, type TbaCredential } from "./auth.ts";
import { NsError, nsErrorBody, OAuthError } from "./errors.ts";
import { handleRecordRequest, type RecordResult } from "./records.ts";
import { RECORD_PREFIX } from "./render.ts";
import { runSuiteQl, SUITEQL_PATH } from "./suiteql.ts";
import { emptyState, type NsState } from "./state.ts";
import { defaultCredentials, type NetsuiteSimCredentials } from "./credentials.ts";
import { loadOrCreateCredentials, loadState, saveState } from "./persistence.ts";

export type NetsuiteSimOptions = {
  port?: number; host?: string; seed?: number;
  log?: (entry: NetsuiteRequestLog) => void;
  /** NetSuite account id: the TBA realm (default TSTDRV1234567). */
  accountId?: string;
  /** Concurrent API requests the account allows (default 15: service tier 1 without SuiteCloud Plus); 0 = unlimited. */
  concurrencyLimit?: number;
  /** Lifetime of M2M access tokens (default 3600 s, NetSuite's). */
  tokenLifetimeSeconds?: number;
  /** Registered M2M clients and TBA tokens; when absent, one of each is generated (see `credentials`). */
  clients?: M2mClient[]; tba?: TbaCredential[];
  /** Keep the book (and generated credentials, beside it) in this JSON file across restarts. */
  statePath?: string;
};
export type NetsuiteRequestLog = { method: string; path: string; status: number | "dropped"; ms: number; fault?: InjectedFault["kind"] | "concurrency" };
export type NetsuiteSim = { url: string; port: number; close(): Promise<void>; ledger(): NsState; credentials: NetsuiteSimCredentials };

const MAX_BODY = 1_000_000;
const tooLarge = () => new NsError(413, "PAYLOAD_TOO_LARGE", `request body over ${MAX_BODY} bytes`);

export async function startNetsuiteSim(options: NetsuiteSimOptions = {}): Promise<NetsuiteSim> {
  const accountId = options.accountId ?? "TSTDRV1234567";
  const generated = options.clients && options.tba ? null : loadOrCreateCredentials(options.statePath, () => defaultCredentials(accountId));
  const clients = options.clients ?? [generated!.m2mClient];
  const tba = options.tba ?? [generated!.tba];
  const limit = options.concurrencyLimit ?? 15;
  const auth = createAuth({ accountId, clients, tba, tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600 });
  let state = options.statePath ? loadState(options.statePath) : emptyState();
  const persist = () => { if (options.statePath) saveState(options.statePath, state); };
  let rng: Rng = createRng(options.seed ?? 1);
  let requests = 0;
  let inFlight = 0;
  let refused = 0;
  const faults = createFaults(() => rng);
  const credentials: NetsuiteSimCredentials = generated?.credentials ?? { accountId };
  let base = "";
  const admin: AdminContext = {
    state: () => state, replaceState: (s) => { state = s; }, faults, reseed: (seed) => { rng = createRng(seed); },
    requests: () => requests, resetCounters: () => { requests = 0; refused = 0; auth.reset(); }, credentials: () => credentials,
    get base() { return base; }, concurrency: () => ({ limit, refused }),
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? "/", base);
    const method = req.method ?? "GET";
    const entry: NetsuiteRequestLog = { method, path: url.pathname, status: 0, ms: 0 };
    const done = (status: NetsuiteRequestLog["status"]) => {
      entry.status = status;
      entry.ms = Math.round(performance.now() - started);
      options.log?.(entry);
    };
    let counted = false;
    try {
      const raw = await readBody(req, MAX_BODY, tooLarge);
      if (url.pathname.startsWith("/__sim/")) {
        const out = handleAdmin(admin, method, url.pathname, parseJson(raw, true));
        if (method === "POST" && out.status < 300) persist();
        return done(sendJson(res, out.status, out.body));
      }
      if (url.pathname === TOKEN_PATH && method === "POST") {
        try {
          return done(sendJson(res, 200, auth.issueToken(new URLSearchParams(raw))));
        } catch (e) {
          if (!(e instanceof OAuthError)) throw e;
          return done(sendJson(res, e.status, { error: e.error, error_description: e.message }));
        }
      }
      const isRecord = url.pathname.startsWith(`${RECORD_PREFIX}/`);
      if (!isRecord && url.pathname !== SUITEQL_PATH) throw new NsError(404, "NONEXISTENT_ID", `no resource at ${url.pathname}`);
      requests++;
      inFlight++;
      counted = true;
      if (limit > 0 && inFlight > limit) {
        refused++;
        entry.fault = "concurrency";
        return done(sendJson(res, 429, nsErrorBody(429, "CONCURRENCY_LIMIT_EXCEEDED", `Concurrent request limit exceeded. Request blocked. (limit ${limit})`)));
      }
      auth.authenticate(method, url, header(req, "authorization"));
      const fault = await faultGate(faults);
      if (fault) {
        entry.fault = fault.kind;
        const code = fault.kind === "rate_limited" ? "REQUEST_LIMIT_EXCEEDED" : fault.kind === "maintenance" ? "SERVICE_UNAVAILABLE" : "UNEXPECTED_ERROR";
        return done(sendJson(res, fault.status, nsErrorBody(fault.status, code, fault.detail), fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : {}));
      }
      let out: RecordResult;
      if (isRecord) {
        out = handleRecordRequest(state, { method, path: url.pathname, query: url.searchParams, body: parseJson(raw, method === "GET"), base });
      } else {
        if (method !== "POST") throw new NsError(405, "METHOD_NOT_ALLOWED", "SuiteQL takes POST");
        if (header(req, "prefer")?.toLowerCase() !== "transient") throw new NsError(400, "INVALID_HEADER", "SuiteQL requests need the header Prefer: transient", "Prefer");
        const body = parseJson(raw, false) as { q?: unknown };
        if (typeof body?.q !== "string") throw new NsError(400, "INVALID_CONTENT", "The request body must be {\"q\": \"SELECT …\"}", "q");
        const page = runSuiteQl(state, body.q, Number(url.searchParams.get("limit") ?? 1000), Number(url.searchParams.get("offset") ?? 0), url);
        out = { status: 200, body: page, committed: false };
      }
      if (out.committed) persist();
      if (dropAfterCommit(faults, out.committed, req)) {
        entry.fault = "dropped_after_commit";
        return done("dropped");
      }
      if (out.status === 204) {
        res.writeHead(204, out.headers ?? {});
        res.end();
        return done(204);
      }
      return done(sendJson(res, out.status, out.body, out.headers));
    } catch (e) {
      const err = e instanceof NsError ? e : new NsError(500, "UNEXPECTED_ERROR", `simulator bug: ${(e as Error).message}`);
      if (!(e instanceof NsError)) console.error(e);
      if (res.headersSent || res.destroyed) return done(err.status);
      return done(sendJson(res, err.status, nsErrorBody(err.status, err.errorCode, err.message, err.errorPath), err.headers));
    } finally {
      if (counted) inFlight--;
    }
  }

  const server = await listen(handle, options);
  base = server.origin;
  return { url: base, port: server.port, credentials, ledger: () => state, close: server.close };
}

function parseJson(raw: string, emptyAllowed: boolean): unknown {
  if (raw.trim() === "") {
    if (emptyAllowed) return undefined;
    throw new NsError(400, "INVALID_CONTENT", "A JSON request body is required.");
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new NsError(400, "INVALID_CONTENT", "The request body is not valid JSON.");
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/vnd.oracle.resource+json; type=singular; charset=utf-8", "content-length": Buffer.byteLength(json), ...headers });
  res.end(json);
  return status;
}
