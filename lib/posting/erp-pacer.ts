// Paces one process's requests to an ERP to the rate its adapter declares (capabilities.rateLimit): at most
// `concurrentRequests` in flight (NetSuite's concurrency governance) and requests spaced to 90% of
// `requestsPerSecond` (BC's and SAP's throttles count per second; the margin absorbs timer jitter). Requests wait
// here instead of being refused by the ERP. Per process: several workers share the ERP's limit, and a 429 with
// Retry-After (the circuit breaker holds it for every worker) covers what pacing alone does not.
import type { ErpCapabilities } from "../erp/adapter.ts";

export type Pacer = { run<T>(call: () => Promise<T>): Promise<T> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createPacer(limit: ErpCapabilities["rateLimit"], clock: () => number = Date.now): Pacer {
  const rps = limit.requestsPerSecond && limit.requestsPerSecond > 0 ? limit.requestsPerSecond * 0.9 : 0;
  const max = limit.concurrentRequests && limit.concurrentRequests > 0 ? limit.concurrentRequests : Infinity;
  if (!rps && max === Infinity) return { run: (call) => call() };
  const interval = rps ? 1000 / rps : 0;
  let nextSlot = 0;
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  // A finished request hands its slot straight to the next waiting one, so no newcomer slips in between.
  const acquire = async () => {
    if (inFlight < max) return void inFlight++;
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  };
  return {
    async run(call) {
      await acquire();
      try {
        if (interval) {
          const now = clock();
          const at = Math.max(now, nextSlot);
          nextSlot = at + interval;
          if (at > now) await sleep(at - now);
        }
        return await call();
      } finally {
        release();
      }
    },
  };
}
