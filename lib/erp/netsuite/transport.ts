// One NetSuite request: authenticated (a 401 with an M2M token refreshes the token and tries once more), paced to the
// account's concurrency limit (a per-process gate shared by every adapter of one account), through the circuit
// breaker, with a hard timeout, and every failure mapped to ErpRetryableError / ErpPermanentError (NetSuite's
// `o:errorDetails` code and detail in the message). Every request Cashline sends NetSuite is safe to repeat (reads,
// SuiteQL, upserts by external id, PATCHes that set a state), so blips are retried here a few times.
import { errorForStatus, ErpCircuitOpenError, ErpPermanentError, ErpRetryableError, parseRetryAfter } from "../errors.ts";
import { erpOperationLabel } from "../http.ts";
import { erpLatency, erpOutcome, erpRequests } from "../../metrics/process-metrics.ts";
import type { ErpCallGate } from "../circuit-breaker.ts";
import type { NetsuiteAuth } from "./auth.ts";

export type NsMethod = "GET" | "POST" | "PUT" | "PATCH";
export type NsRequest = { method: NsMethod; path: string; query?: Record<string, string>; body?: unknown; headers?: Record<string, string> };
export type NsResponse = { status: number; body: unknown; location: string | null };
export type NsTransport = { baseUrl: string; timeoutMs: number; fetch: typeof fetch; breaker: ErpCallGate; auth: NetsuiteAuth; gate: Semaphore; retries: number };

/** Counts requests in flight; past the limit, callers wait their turn (NetSuite refuses, it does not queue). */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly limit: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight on
      else this.active--;
    }
  }
}
const gates = new Map<string, Semaphore>();
export function accountGate(key: string, limit: number): Semaphore {
  let g = gates.get(key);
  if (!g || g.limit !== limit) gates.set(key, (g = new Semaphore(limit)));
  return g;
}

export async function nsSend(t: NsTransport, req: NsRequest): Promise<NsResponse> {
  let freshToken = false;
  for (let attempt = 0; ; ) {
    try {
      // Authorised before the request takes a concurrency slot. An M2M token's own request goes through the same
      // gates and takes a slot of its own: fetched from inside a slot, a fresh process's first fifteen requests
      // held every slot while each waited for a token that waited for a slot — the worker posted nothing, said
      // nothing, and pg-boss failed its batches as overrun (a worker restarted after a crash, CI 2026-12-04).
      const url = requestUrl(t, req);
      const authorization = await t.auth.header(req.method, url);
      return await t.breaker.run(() => t.gate.run(() => once(t, req, url, authorization)));
    } catch (e) {
      // An expired or revoked token: one fresh token (fetched out here, like the first), one more try.
      if (e instanceof ErpPermanentError && e.status === 401 && t.auth.mode === "m2m" && !freshToken) {
        t.auth.invalidate();
        freshToken = true;
        continue;
      }
      const quick = e instanceof ErpRetryableError && !(e instanceof ErpCircuitOpenError) && e.kind !== "timeout" && (e.retryAfterMs ?? 0) < 1000;
      if (!quick || attempt >= t.retries) throw e;
      await new Promise((r) => setTimeout(r, Math.max((e as ErpRetryableError).retryAfterMs ?? 0, 25 * 2 ** attempt * (1 + Math.random()))));
      attempt++;
    }
  }
}

function requestUrl(t: NsTransport, req: NsRequest): URL {
  const url = new URL(t.baseUrl.replace(/\/$/, "") + req.path);
  for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
  return url;
}

async function once(t: NsTransport, req: NsRequest, url: URL, authorization: string): Promise<NsResponse> {
  const what = `${req.method} ${req.path}`;
  const operation = erpOperationLabel({ method: req.method as "GET", path: req.path });
  const stopTimer = erpLatency.startTimer({ operation });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), t.timeoutMs);
  try {
    const headers: Record<string, string> = { accept: "application/json", authorization, ...req.headers };
    if (req.body !== undefined) headers["content-type"] = "application/json";
    const res = await t.fetch(url, { method: req.method, headers, body: req.body === undefined ? undefined : JSON.stringify(req.body), signal: controller.signal });
    const text = await res.text();
    const body = parse(text);
    erpRequests.inc({ operation, outcome: erpOutcome(res.status) });
    if (res.status >= 200 && res.status < 300) {
      if (res.status !== 204 && (body === undefined || typeof body === "string")) throw new ErpPermanentError("bad_response", `${what}: NetSuite answered ${res.status} without a JSON body`, { status: res.status });
      return { status: res.status, body, location: res.headers.get("location") };
    }
    const err = errorForStatus(res.status, body, res.headers.get("retry-after"));
    throw Object.assign(err, { message: `${what}: ${err.message.replace(/^ERP/, "NetSuite")}${err.errorCode ? ` [${err.errorCode}]` : ""}` });
  } catch (e) {
    if (e instanceof ErpRetryableError || e instanceof ErpPermanentError) throw e;
    erpRequests.inc({ operation, outcome: erpOutcome(undefined, controller.signal.aborted ? "timeout" : "network") });
    if (controller.signal.aborted) throw new ErpRetryableError("timeout", `${what}: no answer from NetSuite within ${t.timeoutMs} ms (it may have booked the request)`, { cause: e });
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new ErpRetryableError("network", `${what}: connection failed: ${[cause?.code, cause?.message ?? (e as Error).message].filter(Boolean).join(" ")} (NetSuite may have booked the request)`, { cause: e });
  } finally {
    clearTimeout(timer);
    stopTimer();
  }
}

function parse(text: string): unknown {
  if (text.trim() === "") return undefined;
  try { return JSON.parse(text); } catch { return text; }
}

/** The token endpoint (form-encoded, unauthenticated), through the same breaker and timeout. */
export function tokenPost(baseTransport: Pick<NsTransport, "timeoutMs" | "fetch" | "breaker">) {
  return (url: string, form: URLSearchParams) => baseTransport.breaker.run(async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), baseTransport.timeoutMs);
    try {
      const res = await baseTransport.fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: form.toString(), signal: controller.signal });
      const status = res.status;
      const retryAfter = res.headers.get("retry-after");
      const body = parse(await res.text());
      if (status === 429 || status >= 500) throw new ErpRetryableError("http", `NetSuite token endpoint answered ${status}`, { status, retryAfterMs: parseRetryAfter(retryAfter) });
      return { status, body, retryAfter };
    } catch (e) {
      if (e instanceof ErpRetryableError) throw e;
      throw new ErpRetryableError(controller.signal.aborted ? "timeout" : "network", `NetSuite token endpoint: ${controller.signal.aborted ? `no answer within ${baseTransport.timeoutMs} ms` : (e as Error).message}`, { cause: e });
    } finally {
      clearTimeout(timer);
    }
  });
}
