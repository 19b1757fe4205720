// Periodic work of the worker process (drop-folder polling, retrying open exceptions, outbox sweeps).
// Each entry runs on an interval in this process; the work it triggers is enqueued with dedupe keys, so
// several workers running the same schedule never do the same thing twice.
import { logger } from "../lib/log/logger.ts";
import { fillDeliveries } from "../lib/outbox/fill-deliveries.ts";
import { deliverPending } from "../lib/outbox/deliver-pending.ts";

export type Schedule = { name: string; everyMs: number; run: () => Promise<void> };

export const SCHEDULES: Schedule[] = [
  // Publication outbox: turn new events into deliveries, then send what is due (signed, ordered per receipt).
  { name: "outbox.publish", everyMs: 500, run: async () => { await fillDeliveries(); await deliverPending(); } },
];

export async function startSchedules(): Promise<() => void> {
  const timers = SCHEDULES.map((s) => {
    let busy = false;
    return setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        await s.run();
      } catch (err) {
        logger.error("schedule.failed", { schedule: s.name, error: err instanceof Error ? err.message : String(err) });
      } finally {
        busy = false;
      }
    }, s.everyMs);
  });
  return () => timers.forEach(clearInterval);
}
