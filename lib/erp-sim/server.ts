// The ERP simulator's HTTP server (node:http). Start in-process with startErpSim() for fast tests, or as its own
// process with `npm run erp-sim` (scripts/erp-sim.ts), which is what the reliability tests also do.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRng, type Rng } from "./rng.ts";
import { createFaults, type InjectedFault } from "./faults.ts";
import { emptyLedger, type LedgerState } from "./ledger.ts";
import { loadLedger, saveLedger } from "./persistence.ts";
import { ERP_API_PREFIX, handleErpRequest } from "./erp-routes.ts";
import { handleAdminRequest } from "./sim-admin.ts";
import { problemBody, SimError } from "./sim-error.ts";

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
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
      const raw = await readBody(req);
      if (url.pathname.startsWith("/__sim/")) {
        const out = handleAdminRequest(admin, method, url.pathname, parseJson(raw, true));
        if (out.committed) persist();
        return done(send(res, out.status, out.body));
      }
      if (!url.pathname.startsWith(`${ERP_API_PREFIX}/`)) throw new SimError(404, "NO_SUCH_RESOURCE", `no resource at ${url.pathname}`);
      erpRequests++;
      if (faults.latencyMs() > 0) await sleep(faults.latencyMs());
      const fault = faults.beforeHandling();
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
      if (out.committed && faults.dropAfterCommit()) {
        entry.fault = "dropped_after_commit";
        req.socket.destroy();
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

  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    ledger: () => state,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new SimError(413, "PAYLOAD_TOO_LARGE", `request body over ${MAX_BODY} bytes`));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
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
