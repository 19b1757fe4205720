// HTTP to SAP S/4HANA Cloud: authentication (basic over a communication user, or OAuth 2.0 client credentials with
// the token cached until shortly before expiry and fetched again once on a 401), CSRF tokens for OData writes
// (fetched with `x-csrf-token: Fetch`, bound to the session cookie, fetched again once on 403 "Required"), a hard
// timeout, every request through the circuit breaker, and SAP's error formats turned into ErpRetryableError /
// ErpPermanentError (OData {"error":{code,message:{value}}}, SOAP faults, OAuth errors).
import { ErpCircuitOpenError, ErpPermanentError, ErpRetryableError, errorForStatus, type ErpError } from "../errors.ts";
import type { ErpConnectionConfig } from "../adapter.ts";
import type { ErpCallGate } from "../circuit-breaker.ts";
import { parseXml, path as xmlPath, text as xmlText } from "./xml.ts";

export const SAP_TOKEN_PATH = "/sap/bc/sec/oauth2/token";
type Req = { method: "GET" | "POST"; path: string; query?: Record<string, string>; headers?: Record<string, string>; body?: string; contentType?: string; safe: boolean };
export type SapResponse = { status: number; headers: Headers; text: string };

export function createSapTransport(config: ErpConnectionConfig) {
  const base = config.baseUrl.replace(/\/$/, "");
  const timeoutMs = config.timeoutMs ?? 10_000;
  const doFetch = config.fetch ?? globalThis.fetch;
  const gate: ErpCallGate = config.breaker ?? { run: (call) => call() };
  const retries = config.requestRetries ?? 2;
  const c = config.credentials;
  const oauth = !!(c.clientId && c.clientSecret);
  if (!oauth && !(c.user && c.password)) throw new ErpPermanentError("invalid_posting", "SAP connection needs credentials {clientId, clientSecret[, tokenUrl]} (OAuth 2.0) or {user, password} (communication user)");
  let token: { value: string; expiresAt: number } | null = null;
  let csrf: { token: string; cookie: string } | null = null;

  async function raw(req: Req, auth: string | null): Promise<SapResponse> {
    const url = new URL(req.path.startsWith("http") ? req.path : base + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const what = `${req.method} ${url.pathname}`;
    try {
      const headers: Record<string, string> = { ...(auth ? { authorization: auth } : {}), ...req.headers };
      if (req.contentType) headers["content-type"] = req.contentType;
      const res = await doFetch(url, { method: req.method, headers, body: req.body, signal: controller.signal });
      return { status: res.status, headers: res.headers, text: await res.text() };
    } catch (e) {
      if (controller.signal.aborted) throw new ErpRetryableError("timeout", `${what}: no answer from SAP within ${timeoutMs} ms (it may have booked the request)`, { cause: e });
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new ErpRetryableError("network", `${what}: connection failed: ${[cause?.code, cause?.message ?? (e as Error).message].filter(Boolean).join(" ")} (SAP may have booked the request)`, { cause: e });
    } finally {
      clearTimeout(timer);
    }
  }

  async function fetchToken(): Promise<string> {
    const form = new URLSearchParams({ grant_type: "client_credentials" });
    const res = await gate.run(async () => checked(await raw({
      method: "POST", path: c.tokenUrl ?? SAP_TOKEN_PATH, body: form.toString(), contentType: "application/x-www-form-urlencoded", safe: true,
    }, `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString("base64")}`), "OAuth token request"));
    const body = JSON.parse(res.text) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new ErpPermanentError("bad_response", "OAuth token request: no access_token in the answer");
    // Refresh 30 s (or a tenth of a short lifetime) before SAP's expiry, so a request never carries a dying token.
    const lifetime = (body.expires_in ?? 3600) * 1000;
    token = { value: body.access_token, expiresAt: Date.now() + lifetime - Math.min(30_000, lifetime / 10) };
    return token.value;
  }

  async function authHeader(): Promise<string> {
    if (!oauth) return `Basic ${Buffer.from(`${c.user}:${c.password}`).toString("base64")}`;
    return `Bearer ${token && token.expiresAt > Date.now() ? token.value : await fetchToken()}`;
  }

  /** One request: authenticated, through the breaker (errors mapped inside it, so the breaker counts them); a 401
   *  to a bearer token is answered by one fresh token. The token fetch runs through the breaker on its own, never
   *  nested in another call (a half-open breaker lets one probe through at a time). */
  async function once(req: Req): Promise<SapResponse> {
    const attempt = (auth: string, allow401: boolean) => gate.run(async () => {
      const res = await raw(req, auth);
      if (res.status === 401 && allow401) return res;
      return checked(res, `${req.method} ${req.path}`);
    });
    let res = await attempt(await authHeader(), oauth);
    if (res.status === 401) {
      token = null; // expired or revoked: one fresh token, once
      res = await attempt(await authHeader(), false);
    }
    return res;
  }

  /** Safe requests (reads, and writes SAP deduplicates) get a few quick retries after a blip. */
  async function send(req: Req): Promise<SapResponse> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await once(req);
      } catch (e) {
        const quick = e instanceof ErpRetryableError && !(e instanceof ErpCircuitOpenError) && e.kind !== "timeout" && (e.retryAfterMs ?? 0) < 1000;
        if (!req.safe || !quick || attempt >= retries) throw e;
        await new Promise((r) => setTimeout(r, Math.max((e as ErpRetryableError).retryAfterMs ?? 0, 25 * 2 ** attempt * (1 + Math.random()))));
      }
    }
  }

  async function fetchCsrf(servicePath: string): Promise<{ token: string; cookie: string }> {
    const res = await send({ method: "GET", path: `${servicePath}/`, headers: { "x-csrf-token": "Fetch", accept: "application/json" }, safe: true });
    const value = res.headers.get("x-csrf-token");
    if (!value) throw new ErpPermanentError("bad_response", `${servicePath}: SAP answered no x-csrf-token to Fetch`);
    const cookie = res.headers.getSetCookie().map((s) => s.split(";")[0]).join("; ");
    csrf = { token: value, cookie: cookie || csrf?.cookie || "" };
    return csrf;
  }

  return {
    authHeader,
    async odataGet(path: string, query: Record<string, string> = {}): Promise<unknown> {
      const res = await send({ method: "GET", path, query: { $format: "json", ...query }, headers: { accept: "application/json" }, safe: true });
      return parseJson(res, path);
    },
    /** An OData write with a CSRF token (fetched on first use, again once when SAP says it is no longer valid). */
    async odataPost(servicePath: string, entitySet: string, body: unknown): Promise<unknown> {
      for (let attempt = 0; ; attempt++) {
        const t = csrf ?? (await fetchCsrf(servicePath));
        try {
          const res = await send({ method: "POST", path: `${servicePath}/${entitySet}`, body: JSON.stringify(body), contentType: "application/json", headers: { accept: "application/json", "x-csrf-token": t.token, cookie: t.cookie }, safe: false });
          return parseJson(res, entitySet);
        } catch (e) {
          if (!(e instanceof CsrfRequired) || attempt > 0) throw e instanceof CsrfRequired ? new ErpPermanentError("http", `POST ${entitySet}: SAP answered 403: CSRF token validation failed`, { status: 403 }) : e;
          csrf = null;
        }
      }
    },
    /** A SOAP call. `safe`: SAP deduplicates it (asynchronous services, by message ID), so a quick retry is harmless. */
    async soap(path: string, action: string, envelope: string, safe: boolean): Promise<SapResponse> {
      return send({ method: "POST", path, body: envelope, contentType: "text/xml; charset=utf-8", headers: { soapaction: action, accept: "text/xml" }, safe });
    },
  };
}
export type SapTransport = ReturnType<typeof createSapTransport>;

/** 403 with `x-csrf-token: Required`: permanent for the breaker (SAP is healthy), handled by odataPost. */
class CsrfRequired extends ErpPermanentError {
  constructor() { super("http", "SAP answered 403: CSRF token validation failed", { status: 403 }); }
}

function checked(res: SapResponse, what: string): SapResponse {
  if (res.status >= 200 && res.status < 300) return res;
  if (res.status === 403 && res.headers.get("x-csrf-token")?.toLowerCase() === "required") throw new CsrfRequired();
  throw sapError(res, what);
}

function parseJson(res: SapResponse, what: string): unknown {
  try {
    return JSON.parse(res.text);
  } catch {
    throw new ErpPermanentError("bad_response", `${what}: SAP answered ${res.status} without a JSON body`, { status: res.status });
  }
}

/** SAP's error answers: OData JSON, a SOAP fault, an OAuth error, or text. 429/5xx retryable, other 4xx permanent. */
export function sapError(res: SapResponse, what: string): ErpError {
  let message = res.text.slice(0, 300).trim();
  let code: string | undefined;
  try {
    const body = JSON.parse(res.text) as { error?: unknown; error_description?: string; detail?: string; errorCode?: string };
    if (body.error && typeof body.error === "object") {
      const e = body.error as { code?: string; message?: { value?: string } | string };
      code = e.code;
      message = typeof e.message === "string" ? e.message : e.message?.value ?? message;
    } else if (typeof body.error === "string") {
      code = body.error;
      message = body.error_description ?? body.error;
    } else if (body.detail) {
      message = body.detail;
      code = body.errorCode;
    }
  } catch {
    if (res.text.trimStart().startsWith("<")) {
      try {
        const fault = xmlPath(parseXml(res.text), "Body/Fault");
        if (fault) { message = xmlText(fault, "faultstring") ?? message; code = xmlText(fault, "faultcode") ?? undefined; }
      } catch { /* keep the text */ }
    }
  }
  const base = errorForStatus(res.status, { detail: `${message}${code ? ` [${code}]` : ""}`, errorCode: code }, res.headers.get("retry-after"));
  const msg = `SAP ${what}: ${base.message.replace(/^ERP /, "")}`;
  return base instanceof ErpRetryableError
    ? new ErpRetryableError("http", msg, { status: res.status, errorCode: code, retryAfterMs: base.retryAfterMs })
    : new ErpPermanentError("http", msg, { status: res.status, errorCode: code });
}
