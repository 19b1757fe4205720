// A local stand-in for Dynamics 365 Business Central's API v2.0 (see README.md here): the identity platform's token
// endpoint, `/v2.0/{tenant}/{environment}/api/v2.0/companies({id})/…`, the finance reports API's customer ledger
// entries, BC's request limits (per-client requests in a sliding window, concurrent requests) and the shared fault
// switches of lib/erp-sim/faults.ts. Start in-process with startBcSim() (port 0 in tests).
import type http from "node:http";
import { createRng, type Rng } from "../rng.ts";
import { createFaults } from "../faults.ts";
import { dropAfterCommit, header, injectLatency, listen, readBody } from "../http-plumbing.ts";
import { parseBc, stringifyBc } from "../../erp/bc/json.ts";
import { createAuth, wwwAuthenticate } from "./auth.ts";
import { handleAdmin } from "./admin.ts";
import { BcError, errorBody } from "./odata.ts";
import { handleBcRequest } from "./routes.ts";
import { companyByName, emptyState, type BcState } from "./state.ts";

export type BcSimOptions = {
  port?: number; host?: string; seed?: number;
  log?: (entry: { method: string; path: string; status: number | "dropped"; ms: number; fault?: string }) => void;
  tenantId?: string; // default "cashline-tenant"
  environments?: string[]; // default ["production", "sandbox"]
  clients?: Record<string, string>; // client id → secret; default { "cashline-bc": "cashline-bc-secret" }
  tokenLifetimeSeconds?: number; // default 3599, as the identity platform issues
  /** BC's per-user limit (6,000 requests in a 5-minute sliding window); null turns it off (benchmarks). */
  rateLimit?: { requests: number; windowSeconds: number } | null;
  /** Requests processed at once per client and how many more may wait; beyond that → 429 (BC: 5 + 95 queued). */
  concurrency?: { max: number; queue: number } | null;
  maxPageSize?: number; // server-driven page size (BC: 20,000; default 100 so paging is exercised)
  companies?: string[]; // companies created at start (more are created by /__sim seeding), by name = Cashline entity
  localCurrency?: string; // LCY of new companies (default EUR)
  /** The Cashline BC extension (custom API cashline/finance/v1.0: unapply/apply) is installed; default true. */
  extension?: boolean;
  companyCurrencies?: Record<string, string>; // LCY per company created at start (e.g. US01 → USD), else localCurrency
};
export type BcSim = { url: string; port: number; tenantId: string; environment: string; close(): Promise<void>; ledger(): BcState; revokeTokens(): void };

// API v2.0, the finance reports API and, when the Cashline extension is installed, its custom API (extension.ts).
const API = /^\/v2\.0\/([^/]+)\/([^/]+)\/api\/(v2\.0|microsoft\/reportsFinance\/beta|cashline\/finance\/v1\.0)(\/.*)?$/;
const API_WITHOUT_EXTENSION = /^\/v2\.0\/([^/]+)\/([^/]+)\/api\/(v2\.0|microsoft\/reportsFinance\/beta)(\/.*)?$/;
const MAX_BODY = 1_000_000;
const tooLarge = () => new BcError(413, "BadRequest_RequestTooLarge", "The request body is larger than 1 MB.");

export async function startBcSim(options: BcSimOptions = {}): Promise<BcSim> {
  const tenantId = options.tenantId ?? "cashline-tenant";
  const environments = options.environments ?? ["production", "sandbox"];
  const lcy = options.localCurrency ?? "EUR";
  const rateLimit = options.rateLimit === undefined ? { requests: 6000, windowSeconds: 300 } : options.rateLimit;
  const concurrency = options.concurrency === undefined ? { max: 5, queue: 95 } : options.concurrency;
  const seedState = () => { const s = emptyState(); for (const name of options.companies ?? []) companyByName(s, name, options.companyCurrencies?.[name] ?? lcy); return s; };
  let state = seedState();
  let rng: Rng = createRng(options.seed ?? 1);
  let requests = 0;
  const faults = createFaults(() => rng);
  const auth = createAuth({ tenantId, clients: options.clients ?? { "cashline-bc": "cashline-bc-secret" }, tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599 });
  const windows = new Map<string, number[]>();
  const inFlight = new Map<string, { running: number; waiting: (() => void)[] }>();

  function overRate(clientId: string): number | null {
    if (!rateLimit) return null;
    const now = Date.now();
    const w = (windows.get(clientId) ?? []).filter((t) => t > now - rateLimit.windowSeconds * 1000);
    windows.set(clientId, w);
    if (w.length >= rateLimit.requests) return Math.max(1, Math.ceil((w[0]! + rateLimit.windowSeconds * 1000 - now) / 1000));
    w.push(now);
    return null;
  }

  /** A slot among the client's concurrent requests; null = refused (queue full). */
  async function acquire(clientId: string): Promise<(() => void) | null> {
    if (!concurrency) return () => {};
    const slot = inFlight.get(clientId) ?? { running: 0, waiting: [] };
    inFlight.set(clientId, slot);
    if (slot.running >= concurrency.max) {
      if (slot.waiting.length >= concurrency.queue) return null;
      await new Promise<void>((resolve) => slot.waiting.push(resolve));
    }
    slot.running++;
    return () => { slot.running--; slot.waiting.shift()?.(); };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "sim.local"}`);
    const method = req.method ?? "GET";
    let fault: string | undefined;
    const done = (status: number | "dropped") => options.log?.({ method, path: url.pathname, status, ms: Math.round(performance.now() - started), ...(fault ? { fault } : {}) });
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      const text = body === undefined ? "" : stringifyBc(body);
      res.writeHead(status, { ...(body === undefined ? {} : { "content-type": "application/json; odata.metadata=minimal; odata.streaming=true", "content-length": String(Buffer.byteLength(text)) }), ...headers });
      res.end(text);
      done(status);
    };
    let release: (() => void) | null = null;
    try {
      const raw = await readBody(req, MAX_BODY, tooLarge);
      if (url.pathname.startsWith("/__sim/")) {
        const out = handleAdmin(adminCtx, method, url.pathname, raw.trim() ? JSON.parse(raw) : undefined);
        return send(out.status, out.body);
      }
      const tokenPath = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
      if (tokenPath && method === "POST") {
        const out = auth.issue(decodeURIComponent(tokenPath[1]!), new URLSearchParams(raw));
        return send(out.status, out.body);
      }
      const api = (options.extension === false ? API_WITHOUT_EXTENSION : API).exec(url.pathname);
      if (!api) throw new BcError(404, "BadRequest_NotFound", `No HTTP resource was found that matches the request URI '${url.pathname}'.`);
      const [, tenant, environment, apiName, rest] = api;
      const who = auth.verify(header(req, "authorization"), decodeURIComponent(tenant!));
      if (!who.ok) {
        return send(401, errorBody("Authentication_InvalidCredentials", "The server has rejected the client credentials."), { "www-authenticate": wwwAuthenticate(tenant!, who.reason) });
      }
      if (!environments.includes(environment!)) throw new BcError(404, "NoEnvironment", `Environment '${environment}' does not exist for tenant '${tenant}'.`);
      requests++;
      if (faults.latencyMs() > 0) {
        release = await acquire(who.clientId);
        if (!release) throw new BcError(429, "Application_TooManyRequests", `Too many concurrent requests: more than ${concurrency!.max} running and ${concurrency!.queue} queued for this client.`, { "retry-after": "1" });
        await injectLatency(faults);
      }
      const injected = faults.beforeHandling();
      if (injected) {
        fault = injected.kind;
        const code = { maintenance: "ServiceUnavailable", rate_limited: "Application_TooManyRequests", errors: "Internal_ServerError", dropped_after_commit: "" }[injected.kind];
        return send(injected.status, errorBody(code, injected.detail), injected.retryAfterSeconds !== undefined ? { "retry-after": String(injected.retryAfterSeconds) } : {});
      }
      const wait = overRate(who.clientId);
      if (wait !== null) {
        fault = "rate_limited";
        throw new BcError(429, "Application_TooManyRequests", `The number of requests exceeded the limit of ${rateLimit!.requests} in ${rateLimit!.windowSeconds} seconds for this user.`, { "retry-after": String(wait) });
      }
      let body: unknown;
      try { body = raw.trim() ? parseBc(raw) : undefined; } catch { throw new BcError(400, "BadRequest", "The request body is not valid JSON."); }
      const out = handleBcRequest(state, {
        method, url, api: apiName === "v2.0" ? "v2.0" : apiName === "cashline/finance/v1.0" ? "cashline" : "reportsFinance", path: rest ?? "", body, ifMatch: header(req, "if-match"),
        prefer: header(req, "prefer"), origin: `http://${req.headers.host}`, maxPageSize: options.maxPageSize ?? 100,
      });
      if (dropAfterCommit(faults, out.committed, req)) {
        fault = "dropped_after_commit";
        return done("dropped");
      }
      return send(out.status, out.body);
    } catch (e) {
      const err = e instanceof BcError ? e : new BcError(500, "Internal_ServerError", `simulator bug: ${(e as Error).message}`);
      if (!(e instanceof BcError)) console.error(e);
      if (res.headersSent || res.destroyed) return done(err.status);
      return send(err.status, errorBody(err.code, err.message), err.headers);
    } finally {
      release?.();
    }
  }

  const adminCtx = {
    state: () => state, replaceState: (s: BcState) => { state = s; for (const name of options.companies ?? []) companyByName(state, name, lcy); }, faults,
    reseed: (seed: number) => { rng = createRng(seed); }, requests: () => requests, resetCounters: () => { requests = 0; windows.clear(); },
    revokeTokens: () => auth.revokeAll(), lcy,
  };

  const server = await listen(handle, options);
  return {
    url: server.origin, port: server.port, tenantId, environment: environments[0]!,
    ledger: () => state,
    revokeTokens: () => auth.revokeAll(),
    close: server.close,
  };
}
