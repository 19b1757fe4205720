// The HTTP plumbing every ERP simulator shares (Oracle-shaped server.ts, sap/, bc/, netsuite/): reading a header,
// reading a body under a size limit, the injected latency and fault gate, drop-after-commit, and a server that
// listens on a port (0 = any free one) and closes with its open connections. Each simulator keeps its own vendor
// shapes (error bodies, content types); only the mechanics live here.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Faults, InjectedFault } from "./faults.ts";

/** A request header's value; repeated headers give the first, or all joined with `joinWith` (e.g. "; " for cookies). */
export function header(req: http.IncomingMessage, name: string, joinWith?: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? (joinWith === undefined ? v[0] : v.join(joinWith)) : v;
}

/** The request body as UTF-8; past `maxBytes` it rejects with the simulator's own "too large" error. */
export function readBody(req: http.IncomingMessage, maxBytes: number, tooLarge: () => Error): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) reject(tooLarge());
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The configured latency (`latency_ms`), if any. */
export async function injectLatency(faults: Faults): Promise<void> {
  if (faults.latencyMs() > 0) await sleep(faults.latencyMs());
}

/** Latency, then the fault switches (maintenance, rate limit, error ratio): the fault to answer with, or null. */
export async function faultGate(faults: Faults): Promise<InjectedFault | null> {
  await injectLatency(faults);
  return faults.beforeHandling();
}

/**
 * The worst case for a client: the ERP committed the write but the answer never arrives (connection reset). Only for
 * writes that booked something (a dropped replay is no worse than a plain 5xx). True when the socket was destroyed.
 */
export function dropAfterCommit(faults: Faults, committed: boolean, req: http.IncomingMessage): boolean {
  if (!committed || !faults.dropAfterCommit()) return false;
  req.socket.destroy();
  return true;
}

export type Listening = { server: http.Server; port: number; origin: string; close(): Promise<void> };

/** Listens on host:port (defaults 127.0.0.1 and any free port); close() also ends kept-alive connections. */
export async function listen(handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>, options: { port?: number; host?: string }): Promise<Listening> {
  const server = http.createServer((req, res) => void handle(req, res));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server, port, origin: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
