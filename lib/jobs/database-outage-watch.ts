// A worker whose database is gone backs off instead of spinning: the first connection-lost error stops its job
// polling and schedules (onLost), then one probe at a time with a doubling delay (1 s … 30 s) until the database
// answers, then everything starts again (onBack). One log line per probe instead of one per failed poll.
import { isConnectionLost } from "../db/connection-lost.ts";

export type OutageState = "up" | "down" | "recovering";
export type OutageWatchOptions = {
  probe: () => Promise<boolean>;
  onLost: () => Promise<void>;
  onBack: () => Promise<void>;
  log: (msg: string, fields: Record<string, unknown>) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
};

export type OutageWatch = { report: (err: unknown) => void; state: () => OutageState; outages: () => number; stop: () => void; settled: () => Promise<void> };

export function createDatabaseOutageWatch(opts: OutageWatchOptions): OutageWatch {
  const initial = opts.initialDelayMs ?? 1000;
  const max = opts.maxDelayMs ?? 30_000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let state: OutageState = "up";
  let outages = 0;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function ride(first: unknown): Promise<void> {
    const since = Date.now();
    opts.log("db.connection_lost", { error: first instanceof Error ? first.message : String(first), action: "pausing jobs and schedules" });
    await opts.onLost().catch((e: unknown) => opts.log("db.pause_failed", { error: String(e) }));
    for (let attempt = 1, delay = initial; !stopped; attempt++, delay = Math.min(max, delay * 2)) {
      opts.log("db.unreachable", { attempt, retryInMs: delay, downForMs: Date.now() - since });
      await sleep(delay);
      if (stopped || !(await opts.probe().catch(() => false))) continue;
      state = "recovering";
      try {
        await opts.onBack();
        state = "up";
        opts.log("db.recovered", { attempts: attempt, downForMs: Date.now() - since });
        return;
      } catch (e) {
        // Came back and went again while starting: keep backing off.
        state = "down";
        opts.log("db.resume_failed", { error: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  return {
    report(err) {
      if (stopped || state !== "up" || !isConnectionLost(err)) return;
      state = "down";
      outages++;
      running = ride(err);
    },
    state: () => state,
    outages: () => outages,
    stop: () => { stopped = true; },
    settled: () => running,
  };
}
