// A plain node-postgres pool for the few statements Prisma handles badly. The one today: a raw file of up to
// 200 MB as a bytea parameter — Prisma base64-encodes Bytes and copies them several times (about 7× the file in
// memory, measured), node-postgres sends the Buffer as it is (about 1×). Same DATABASE_URL as Prisma.
import pg from "pg";
import { requireDatabaseUrl } from "../env.ts";
import { logger } from "../log/logger.ts";
import { auditCallsOnCommit } from "../audit/call-audit.ts";

const g = globalThis as unknown as { cashlinePgPool?: { url: string; pool: pg.Pool } };

export function getPgPool(): pg.Pool {
  const url = requireDatabaseUrl();
  if (!g.cashlinePgPool || g.cashlinePgPool.url !== url) {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DB_RAW_POOL_MAX ?? 4), idleTimeoutMillis: 10_000 });
    // An idle connection the server closes (restart, failover) must not crash the process: the pool replaces it.
    pool.on("error", (err) => logger.warn("pg_pool.idle_client_error", { error: err.message }));
    g.cashlinePgPool = { url, pool };
  }
  return g.cashlinePgPool.pool;
}

export async function withPgTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = auditCallsOnCommit(await getPgPool().connect()); // see lib/audit/call-audit.ts
  try {
    await client.query("begin");
    const result = await fn(client);
    await client.query("commit");
    return result;
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
