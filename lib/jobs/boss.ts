// The pg-boss instance of this process, started lazily on the same PostgreSQL as everything else (schema pgboss).
import { PgBoss } from "pg-boss";
import { requireDatabaseUrl } from "../env.ts";
import { logger } from "../log/logger.ts";

const g = globalThis as unknown as { cashlineBoss?: Promise<PgBoss> };

export function getBoss(): Promise<PgBoss> {
  if (!g.cashlineBoss) {
    g.cashlineBoss = (async () => {
      // The monitor notices lapsed heartbeats (a worker that died mid-job); every few seconds keeps recovery quick.
      const boss = new PgBoss({
        connectionString: requireDatabaseUrl(), max: Number(process.env.BOSS_POOL_MAX ?? 8), useListenNotify: true,
        // The schema is made by the migrations (owned by the application role, which may not create schemas).
        createSchema: false,
        monitorIntervalSeconds: Number(process.env.BOSS_MONITOR_SECONDS ?? 5), superviseIntervalSeconds: Number(process.env.BOSS_MONITOR_SECONDS ?? 5),
      });
      boss.on("error", (err: Error) => logger.error("pgboss.error", { error: err.message }));
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
