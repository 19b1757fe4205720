// Paces every worker process's requests to one ERP endpoint from one clock in PostgreSQL (ErpRateSlot). A vendor's
// rate limit is per tenant (SAP's fair-use throttle, BC's 6,000 requests per 5 minutes), not per process: with
// each worker pacing to the whole limit on its own, three workers offered three times the limit, met 429s together
// and tripped the shared circuit breaker (bench:pipeline against SAP, 2026-12-03). Each request reserves the next
// slot (one UPDATE, ~1 ms) and waits for it; slots are 1/(90% of the limit) apart. The concurrency cap (NetSuite's
// governance) stays per process. If the database cannot be asked, the process paces on its own clock as before.
import { db } from "../db/client.ts";
import type { ErpCapabilities } from "../erp/adapter.ts";
import { logger } from "../log/logger.ts";
import { createPacer, type Pacer } from "./erp-pacer.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * This request's slot as epoch milliseconds: the row's next slot moves on by `intervalMs` per reservation. An absolute
 * time (not a wait), so the round trip's own jitter does not shift the slot.
 */
export async function reserveErpSlot(key: string, intervalMs: number): Promise<number> {
  const [row] = await db.$queryRaw<{ slotMs: number }[]>`
    insert into "ErpRateSlot" (key, "nextAt") values (${key}, clock_timestamp() + ${intervalMs} * interval '1 millisecond')
    on conflict (key) do update set "nextAt" = greatest("ErpRateSlot"."nextAt", clock_timestamp()) + ${intervalMs} * interval '1 millisecond'
    returning (extract(epoch from "nextAt") * 1000 - ${intervalMs})::float8 as "slotMs"`;
  return row?.slotMs ?? 0;
}

export function createSharedPacer(key: string, limit: ErpCapabilities["rateLimit"], reserve = reserveErpSlot): Pacer {
  const rps = limit.requestsPerSecond && limit.requestsPerSecond > 0 ? limit.requestsPerSecond * 0.9 : 0;
  const concurrency = createPacer({ concurrentRequests: limit.concurrentRequests });
  if (!rps) return concurrency;
  const intervalMs = 1000 / rps;
  const local = createPacer({ requestsPerSecond: limit.requestsPerSecond });
  let warned = false;
  return {
    run: (call) => concurrency.run(async () => {
      let slot: number;
      try {
        slot = await reserve(key, intervalMs);
      } catch (err) {
        if (!warned) logger.warn("erp_pacer.shared_clock_unavailable", { key, error: err instanceof Error ? err.message : String(err) });
        warned = true;
        return local.run(call);
      }
      warned = false;
      const wait = slot - Date.now();
      if (wait > 0) await sleep(wait);
      return call();
    }),
  };
}
