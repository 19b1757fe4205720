// A worker's own small HTTP server: /metrics (Prometheus text, bearer METRICS_TOKEN when set), /healthz (the
// process is alive, its event loop answers and no job handler hangs past its expiry: lib/jobs/handler-watch.ts) and /readyz (the database answers and the worker has started its
// job handlers). Process managers and orchestrators probe these; Prometheus scrapes /metrics.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "../db/client.ts";
import { registry } from "./registry.ts";

export type WorkerProbe = {
  ready: () => boolean;
  /** Job handlers hung past their expiry (the worker takes nothing more from their queues): /healthz fails. */
  overruns?: () => { queue: string; runningSeconds: number; expireInSeconds: number }[];
};

async function databaseAnswers(): Promise<boolean> {
  try {
    await Promise.race([db.$queryRaw`select 1`, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000))]);
    return true;
  } catch {
    return false;
  }
}

function authorised(header: string | undefined, token: string | undefined): boolean {
  if (!token) return true; // bound to loopback by default; set METRICS_TOKEN when the port is reachable from elsewhere
  const presented = header?.match(/^Bearer\s+(.+)$/i)?.[1] ?? "";
  const digest = (s: string) => crypto.createHash("sha256").update(s).digest();
  return crypto.timingSafeEqual(digest(presented), digest(token));
}

export async function serveWorkerMetrics(opts: { port: number; host: string; token?: string; probe: WorkerProbe }): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const answer = (status: number, body: string, type = "text/plain; charset=utf-8") => { res.writeHead(status, { "content-type": type, "cache-control": "no-store" }); res.end(body); };
    try {
      if (path === "/healthz") {
        const hung = opts.probe.overruns?.() ?? [];
        if (hung.length === 0) return answer(200, "ok\n");
        return answer(503, hung.map((h) => `handler on ${h.queue} running ${h.runningSeconds} s (its jobs expire after ${h.expireInSeconds} s)\n`).join(""));
      }
      if (path === "/readyz") {
        const ok = opts.probe.ready() && (await databaseAnswers());
        return answer(ok ? 200 : 503, ok ? "ready\n" : "not ready\n");
      }
      if (path === "/metrics") {
        if (!authorised(req.headers.authorization, opts.token)) return answer(401, "bearer token required\n");
        return answer(200, await registry.metrics(), registry.contentType);
      }
      answer(404, "not found\n");
    } catch (e) {
      answer(500, `${e instanceof Error ? e.message : String(e)}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => { server.once("error", reject); server.listen(opts.port, opts.host, resolve); });
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) };
}
