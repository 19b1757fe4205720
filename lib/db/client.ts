// One Prisma client per process, created on first use so tests can point DATABASE_URL at their own database.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";
import { requireDatabaseUrl } from "../env.ts";
import { ReportingPool } from "./reporting-pool.ts";
import { watchPool } from "./pool-pressure.ts";

const globalForDb = globalThis as unknown as { cashlineDb?: PrismaClient };

export function getDb(): PrismaClient {
  if (!globalForDb.cashlineDb) {
    // A ReportingPool so transactionWithConnection can hand a transaction's connection to bulk paths (COPY).
    const pool = new ReportingPool({ connectionString: requireDatabaseUrl(), max: Number(process.env.DB_POOL_MAX ?? 20) });
    watchPool(pool);
    const adapter = new PrismaPg(pool, { disposeExternalPool: true });
    // Under load a transaction may wait for a pooled connection: wait up to 10 s rather than Prisma's 2 s.
    globalForDb.cashlineDb = new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 30_000 } });
  }
  return globalForDb.cashlineDb;
}

/** Proxy so modules can `import { db }` at top level without connecting at import time. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb() as unknown as Record<string | symbol, unknown>;
    const value = client[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  if (globalForDb.cashlineDb) {
    await globalForDb.cashlineDb.$disconnect();
    globalForDb.cashlineDb = undefined;
  }
}

export { Prisma } from "./generated/client.ts";
export type { PrismaClient } from "./generated/client.ts";
