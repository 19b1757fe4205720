// The pg-boss instance of this process, started lazily on the same PostgreSQL as everything else (schema pgboss).
import { PgBoss } from "pg-boss";
import { requireDatabaseUrl } from "../env.ts";
import { logger } from "../log/logger.ts";
import { jobQueueWarnings } from "../metrics/process-metrics.ts";

const g = globalThis as unknown as { cashlineBoss?: Promise<PgBoss>; cashlineBossErrorListeners?: Set<(err: Error) => void>; cashlineBossSenderOnly?: boolean };
const errorListeners = (g.cashlineBossErrorListeners ??= new Set());

/**
 * The web only sends jobs: no maintenance, no cron timekeeper, no LISTEN connection of its own (workers do those),
 * so a web whose database is gone has nothing polling it. Call before the first getBoss() of the process.
 */
export function useBossAsSenderOnly(): void {
  g.cashlineBossSenderOnly = true;
}

/** Hears every pg-boss error of this process, also from instances started later (the worker's outage watch). */
export function onBossError(listener: (err: Error) => void): () => void {
  errorListeners.add(listener);
  return () => errorListeners.delete(listener);
}

export function getBoss(): Promise<PgBoss> {
  if (!g.cashlineBoss) {
    g.cashlineBoss = (async () => {
      // The monitor notices lapsed heartbeats (a worker that died mid-job); every few seconds keeps recovery quick.
      const boss = new PgBoss({
        connectionString: requireDatabaseUrl(), max: Number(process.env.BOSS_POOL_MAX ?? 8),
        ...(g.cashlineBossSenderOnly ? { useListenNotify: false, supervise: false, schedule: false } : { useListenNotify: true }),
        // The schema is made by the migrations (owned by the application role, which may not create schemas).
        createSchema: false,
        monitorIntervalSeconds: Number(process.env.BOSS_MONITOR_SECONDS ?? 5), superviseIntervalSeconds: Number(process.env.BOSS_MONITOR_SECONDS ?? 5),
      });
      // pg-boss's own warnings (a handler past its expiry, a supervision query slower than 30 s, a backlog, a pinned
      // vacuum horizon), logged and counted: handler_overrun means that worker takes nothing more from the queue.
      boss.on("warning", (w: { message?: string; data?: { type?: string; queue?: string } }) => {
        jobQueueWarnings.inc({ type: w?.data?.type ?? "unknown", queue: w?.data?.queue ?? "" });
        logger.warn("pgboss.warning", { type: w?.data?.type, queue: w?.data?.queue, warning: w?.message, data: JSON.stringify(w?.data ?? null).slice(0, 500) });
      });
      boss.on("error", (err: Error) => {
        logger.error("pgboss.error", { error: err.message });
        for (const listener of errorListeners) listener(err);
      });
      await boss.start();
      return boss;
    })();
  }
  return g.cashlineBoss;
}

export async function stopBoss(opts: { graceful?: boolean } = {}): Promise<void> {
  if (!g.cashlineBoss) return;
  const boss = await g.cashlineBoss;
  g.cashlineBoss = undefined;
  await boss.stop({ graceful: opts.graceful ?? true, timeout: 10_000 });
}
