// The ERP simulator's HTTP server (node:http). Start in-process with startErpSim() for fast tests, or as its own
// process with `npm run erp-sim` (scripts/erp-sim.ts), which is what the reliability tests also do.
import type http from "node:http";
import { createRng, type Rng } from "./rng.ts";
import { createFaults, type InjectedFault } from "./faults.ts";
import { emptyLedger, type LedgerState } from "./ledger.ts";
import { loadLedger, saveLedger } from "./persistence.ts";
import { ERP_API_PREFIX, handleErpRequest } from "./erp-routes.ts";
import { handleAdminRequest } from "./sim-admin.ts";
import { problemBody, SimError } from "./sim-error.ts";
import { dropAfterCommit, faultGate, header, listen, readBody } from "./http-plumbing.ts";

export type ErpSimOptions = {
  port?: number; // 0 (default) = any free port
  host?: string; // default 127.0.0.1
  seed?: number; // RNG seed for the fault ratios (default 1)
  statePath?: string; // persist the ledger to this JSON file
  log?: (entry: RequestLogEntry) => void; // one entry per request; silent by default
};
export type RequestLogEntry = {
  method: string; path: string; status: number | "dropped"; ms: number;
  fault?: InjectedFault["kind"]; idempotencyKey?: string; replayed?: boolean;
};
export type ErpSim = { url: string; port: number; close(): Promise<void>; ledger(): LedgerState };

const MAX_BODY = 1_000_000;
const tooLarge = () => new SimError(413, "PAYLOAD_TOO_LARGE", `request body over ${MAX_BODY} bytes`);

export async function startErpSim(options: ErpSimOptions = {}): Promise<ErpSim> {
  let state: LedgerState = options.statePath ? loadLedger(options.statePath) : emptyLedger();
  let rng: Rng = createRng(options.seed ?? 1);
  let erpRequests = 0;
  const faults = createFaults(() => rng);
  const persist = () => { if (options.statePath) saveLedger(options.statePath, state); };
  const admin = {
    state: () => state, replaceState: (s: LedgerState) => { state = s; }, faults,
    reseed: (seed: number) => { rng = createRng(seed); }, erpRequests: () => erpRequests, resetCounters: () => { erpRequests = 0; },
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://sim.local");
    const method = req.method ?? "GET";
    const key = header(req, "idempotency-key");
    const entry: RequestLogEntry = { method, path: url.pathname, status: 0, ms: 0, ...(key !== undefined ? { idempotencyKey: key } : {}) };
    const done = (status: RequestLogEntry["status"]) => {
      entry.status = status;
      entry.ms = Math.round(performance.now() - started);
      options.log?.(entry);
    };
    try {
      const raw = await readBody(req, MAX_BODY, tooLarge);
      if (url.pathname.startsWith("/__sim/")) {
        const out = handleAdminRequest(admin, method, url.pathname, parseJson(raw, true));
        if (out.committed) persist();
        return done(send(res, out.status, out.body));
      }
      if (!url.pathname.startsWith(`${ERP_API_PREFIX}/`)) throw new SimError(404, "NO_SUCH_RESOURCE", `no resource at ${url.pathname}`);
      erpRequests++;
      const fault = await faultGate(faults);
      if (fault) {
        entry.fault = fault.kind;
        const headers = fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : undefined;
        return done(send(res, fault.status, problemBody(fault.status, fault.errorCode, fault.detail), headers));
      }
      const out = handleErpRequest(state, { method, path: url.pathname, query: url.searchParams, body: parseJson(raw, method !== "POST"), idempotencyKey: key });
      if (out.committed) persist();
      if (out.replayed) entry.replayed = true;
      // The worst case for a client: the ERP booked it, but the answer never arrives (connection reset).
      // (Only writes that booked something: a dropped replay would be no worse than a plain 5xx.)
      if (dropAfterCommit(faults, out.committed, req)) {
        entry.fault = "dropped_after_commit";
        return done("dropped");
      }
      return done(send(res, out.status, out.body, out.replayed ? { "idempotent-replayed": "true" } : undefined));
    } catch (e) {
      const err = e instanceof SimError ? e : new SimError(500, "INTERNAL_ERROR", `simulator bug: ${(e as Error).message}`);
      if (!(e instanceof SimError)) console.error(e);
      if (res.headersSent || res.destroyed) return done(err.status);
      return done(send(res, err.status, problemBody(err.status, err.errorCode, err.message, err.errors)));
    }
  }

  const server = await listen(handle, options);
  return { url: server.origin, port: server.port, ledger: () => state, close: server.close };
}

function parseJson(raw: string, emptyAllowed: boolean): unknown {
  if (raw.trim() === "") {
    if (emptyAllowed) return undefined;
    throw new SimError(400, "INVALID_REQUEST", "a JSON request body is required");
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new SimError(400, "INVALID_JSON", "the request body is not valid JSON");
  }
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
  const json = JSON.stringify(body);
  const type = status >= 400 ? "application/problem+json" : "application/json";
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(json), ...headers });
  res.end(json);
  return status;
}
