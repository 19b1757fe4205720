// HTTP to Business Central: an OAuth 2.0 client-credentials token from the Microsoft identity platform (cached,
// renewed a minute before it expires, and once more when BC answers 401), then JSON (lossless decimals, see json.ts)
// with a hard timeout, through the shared circuit breaker. BC's error body {"error":{"code","message"}} becomes an
// ErpRetryableError (429 with Retry-After, 5xx, maintenance, network, timeout) or ErpPermanentError (4xx) naming it.
import { ErpCircuitOpenError, ErpPermanentError, ErpRetryableError, parseRetryAfter } from "../errors.ts";
import type { ErpCallGate } from "../circuit-breaker.ts";
import { erpOperationLabel } from "../http.ts";
import { erpLatency, erpOutcome, erpRequests } from "../../metrics/process-metrics.ts";
import { decimalText, parseBc, stringifyBc } from "./json.ts";

/** The Cashline BC extension's API route: APIPublisher/APIGroup/APIVersion of its pages (extension/*.al). */
export const CASHLINE_API = "cashline/finance/v1.0";

export const BC_SCOPE = "https://api.businesscentral.dynamics.com/.default";

export type BcConnection = {
  baseUrl: string; // https://api.businesscentral.dynamics.com (or the simulator)
  tenantId: string; environment: string; clientId: string; clientSecret: string;
  tokenUrl: string; // https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token
  timeoutMs: number; fetch: typeof fetch; breaker?: ErpCallGate; requestRetries: number;
};

export type BcCall = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Below the API root (`/companies(…)/customers`), or a full `@odata.nextLink` the same server gave. */
  path: string;
  /** reportsFinance: the finance reports API; cashline: the Cashline BC extension's custom API (extension/*.al). */
  api?: "v2.0" | "reportsFinance" | "cashline";
  query?: Record<string, string>;
  body?: unknown;
  ifMatch?: string;
  /** Safe to send again after a blip (reads; writes whose repeat BC refuses by key): quick in-call retries. */
  safe?: boolean;
};
export type BcAnswer = { status: number; body: unknown };

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

export function createBcTransport(c: BcConnection) {
  const gate: ErpCallGate = c.breaker ?? { run: (call) => call() };
  const root = `${c.baseUrl.replace(/\/$/, "")}/v2.0/${encodeURIComponent(c.tenantId)}/${encodeURIComponent(c.environment)}/api`;
  let token: { value: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret, scope: BC_SCOPE });
    const res = await timed(c.tokenUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: form.toString() }, "POST token");
    const body = safeJson(res.text) as { access_token?: string; expires_in?: number | string; error?: string; error_description?: string } | undefined;
    if (res.status !== 200 || !body?.access_token) {
      const text = `token endpoint answered ${res.status}${body?.error ? `: ${body.error}: ${body.error_description ?? ""}` : ""}`.trim();
      if (RETRYABLE.has(res.status)) throw new ErpRetryableError("http", text, { status: res.status, retryAfterMs: parseRetryAfter(res.retryAfter) });
      throw new ErpPermanentError("http", text, { status: res.status, errorCode: body?.error });
    }
    const lifetime = Number(body.expires_in ?? 3599);
    // renewed a minute before expiry (half the lifetime for short-lived tokens)
    token = { value: body.access_token, expiresAt: Date.now() + (lifetime - Math.min(60, lifetime / 2)) * 1000 };
    return token.value;
  }

  /** One token fetch at a time; reused until a minute before expiry. */
  function bearer(forceNew: boolean): Promise<string> {
    if (!forceNew && token && token.expiresAt > Date.now()) return Promise.resolve(token.value);
    if (forceNew) token = null;
    // (inside the gated call that needs it: the breaker sees the token fetch as part of that request)
    pending ??= fetchToken().finally(() => { pending = null; });
    return pending;
  }

  function urlOf(call: BcCall): string {
    if (/^https?:\/\//.test(call.path)) {
      // a nextLink: follow it only on the same server and API, never send our token elsewhere
      if (!call.path.startsWith(`${root}/`)) throw new ErpPermanentError("bad_response", `refusing to follow a link outside ${root}: ${call.path.slice(0, 200)}`);
      return call.path;
    }
    const api = call.api === "reportsFinance" ? "microsoft/reportsFinance/beta" : call.api === "cashline" ? CASHLINE_API : "v2.0";
    const q = Object.entries(call.query ?? {}).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
    return `${root}/${api}${call.path}${q ? `?${q}` : ""}`;
  }

  async function once(call: BcCall, what: string): Promise<BcAnswer> {
    const url = urlOf(call);
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { accept: "application/json", authorization: `Bearer ${await bearer(attempt > 0)}` };
      if (call.body !== undefined) headers["content-type"] = "application/json";
      if (call.ifMatch) headers["if-match"] = call.ifMatch;
      if (call.method === "GET") headers.prefer = "odata.maxpagesize=500";
      const res = await timed(url, { method: call.method, headers, body: call.body === undefined ? undefined : stringifyBc(call.body) }, what);
      if (res.status === 401 && attempt === 0) continue; // expired or revoked token: one fresh token, one more try
      const body = res.text.trim() ? safeJson(res.text) : undefined;
      if (res.status >= 200 && res.status < 300) return { status: res.status, body };
      const err = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
      const text = `${what}: Business Central answered ${res.status}${err?.code ? ` ${err.code}` : ""}${err?.message ? `: ${err.message}` : ""}`;
      if (RETRYABLE.has(res.status) || res.status >= 500) throw new ErpRetryableError("http", text, { status: res.status, errorCode: err?.code, retryAfterMs: parseRetryAfter(res.retryAfter) });
      throw new ErpPermanentError("http", text, { status: res.status, errorCode: err?.code });
    }
  }

  async function timed(url: string, init: RequestInit, what: string): Promise<{ status: number; text: string; retryAfter: string | null }> {
    const operation = erpOperationLabel({ method: init.method as "GET", path: new URL(url).pathname });
    const stop = erpLatency.startTimer({ operation });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), c.timeoutMs);
    try {
      const res = await c.fetch(url, { ...init, signal: controller.signal });
      const text = await res.text();
      erpRequests.inc({ operation, outcome: erpOutcome(res.status) });
      return { status: res.status, text, retryAfter: res.headers.get("retry-after") };
    } catch (e) {
      const kind = controller.signal.aborted ? "timeout" : "network";
      erpRequests.inc({ operation, outcome: erpOutcome(undefined, kind) });
      const why = kind === "timeout" ? `no answer within ${c.timeoutMs} ms` : `connection failed: ${((e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message)}`;
      throw new ErpRetryableError(kind, `${what}: ${why} (Business Central may have booked the request)`, { cause: e });
    } finally {
      clearTimeout(timer);
      stop();
    }
  }

  /** Every request through the breaker; safe ones are retried a few times after a quick blip. */
  async function send(call: BcCall): Promise<BcAnswer> {
    const what = `${call.method} ${call.path.replace(/^https?:\/\/[^/]+/, "").replace(/\?.*$/, "")}`;
    for (let attempt = 0; ; attempt++) {
      try {
        return await gate.run(() => once(call, what));
      } catch (e) {
        const quick = e instanceof ErpRetryableError && !(e instanceof ErpCircuitOpenError) && e.kind !== "timeout" && (e.retryAfterMs ?? 0) < 1000;
        if (!(call.method === "GET" || call.safe) || !quick || attempt >= c.requestRetries) throw e;
        await new Promise((r) => setTimeout(r, Math.max((e as ErpRetryableError).retryAfterMs ?? 0, 25 * 2 ** attempt * (1 + Math.random()))));
      }
    }
  }

  return { send, root, bearer };
}
export type BcTransport = ReturnType<typeof createBcTransport>;

function safeJson(text: string): unknown {
  try {
    return parseBc(text);
  } catch {
    return text;
  }
}

/** An OData string literal: quotes doubled. */
export const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** The `value` array of a collection answer, or a bad_response error. */
export function valuesOf(body: unknown, what: string): Record<string, unknown>[] {
  const v = (body as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(v)) throw new ErpPermanentError("bad_response", `${what}: expected an OData collection with "value"`);
  return v as Record<string, unknown>[];
}

export const nextLinkOf = (body: unknown): string | null => ((body as Record<string, unknown>)["@odata.nextLink"] as string | undefined) ?? null;

/** A decimal property of a BC answer as its exact string; anything else is a bad_response, not a crash. */
export function amountField(v: unknown, field: string): string {
  try {
    return decimalText(v, field);
  } catch (e) {
    throw new ErpPermanentError("bad_response", `Business Central answered an unreadable ${(e as Error).message}`);
  }
}
