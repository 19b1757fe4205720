// One JSON request to the ERP with a hard timeout (covering the body too), every failure turned into an
// ErpRetryableError or ErpPermanentError. No retries here: the caller decides (same key, later).
import { errorForStatus, ErpPermanentError, ErpRetryableError } from "./errors.ts";
import { erpLatency, erpOutcome, erpRequests } from "../metrics/process-metrics.ts";
import { context, propagation } from "@opentelemetry/api";
import { SpanKind, withSpan } from "../tracing/tracing.ts";

export type ErpTransport = {
  baseUrl: string;
  timeoutMs: number;
  fetch: typeof fetch;
};

export type ErpRequest = {
  method: "GET" | "POST";
  path: string; // below baseUrl, e.g. /fscmRestApi/resources/11.13.18.05/standardReceipts
  query?: Record<string, string>;
  body?: unknown;
  idempotencyKey?: string;
};

export type ErpHttpResponse = { status: number; body: unknown; replayed: boolean };

/** The metrics label of a request: method and path with ids (any segment holding a digit) folded. */
export function erpOperationLabel(req: Pick<ErpRequest, "method" | "path">): string {
  return `${req.method} ${req.path.replace(/\/[^/]*\d[^/]*/g, "/{id}")}`;
}

export async function erpRequest(t: ErpTransport, req: ErpRequest): Promise<ErpHttpResponse> {
  const operation = erpOperationLabel(req);
  return withSpan(`ERP ${operation}`, { "http.request.method": req.method, "url.path": req.path, "cashline.erp.operation": operation }, async (span) => {
    const stopTimer = erpLatency.startTimer({ operation });
    try {
      const res = await sendErpRequest(t, req);
      erpRequests.inc({ operation, outcome: erpOutcome(res.status) });
      span.setAttribute("http.response.status_code", res.status);
      return res;
    } catch (e) {
      const err = e as { status?: number; kind?: string };
      erpRequests.inc({ operation, outcome: erpOutcome(err.status, err.kind) });
      if (err.status) span.setAttribute("http.response.status_code", err.status);
      throw e;
    } finally {
      stopTimer();
    }
  }, { kind: SpanKind.CLIENT });
}

async function sendErpRequest(t: ErpTransport, req: ErpRequest): Promise<ErpHttpResponse> {
  const url = new URL(t.baseUrl.replace(/\/$/, "") + req.path);
  for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), t.timeoutMs);
  const what = `${req.method} ${req.path}`;
  try {
    const headers: Record<string, string> = { accept: "application/json" };
    if (req.body !== undefined) headers["content-type"] = "application/json";
    if (req.idempotencyKey !== undefined) headers["idempotency-key"] = req.idempotencyKey;
    propagation.inject(context.active(), headers); // traceparent, when tracing: the ERP's own traces can join ours
    const res = await t.fetch(url, { method: req.method, headers, body: req.body === undefined ? undefined : JSON.stringify(req.body), signal: controller.signal });
    const text = await res.text();
    const body = parseBody(text);
    if (res.status >= 200 && res.status < 300) {
      if (body === undefined || typeof body === "string") throw new ErpPermanentError("bad_response", `${what}: ERP answered ${res.status} without a JSON body`, { status: res.status });
      return { status: res.status, body, replayed: res.headers.get("idempotent-replayed") === "true" };
    }
    throw errorForStatus(res.status, body, res.headers.get("retry-after"));
  } catch (e) {
    if (e instanceof ErpRetryableError || e instanceof ErpPermanentError) throw e;
    if (controller.signal.aborted) {
      throw new ErpRetryableError("timeout", `${what}: no answer from the ERP within ${t.timeoutMs} ms (it may have booked the request)`, { cause: e });
    }
    throw new ErpRetryableError("network", `${what}: ${networkReason(e)} (the ERP may have booked the request)`, { cause: e });
  } finally {
    clearTimeout(timer);
  }
}

function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// fetch() reports "fetch failed" with the real reason (ECONNRESET, UND_ERR_SOCKET "other side closed", ...) in cause.
function networkReason(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const parts = [cause?.code, cause?.message ?? (e as Error).message].filter(Boolean);
  return parts.length ? `connection failed: ${parts.join(" ")}` : "connection failed";
}
