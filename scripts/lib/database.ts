// Where the database comes from: DATABASE_URL when set; otherwise an embedded PostgreSQL whose data lives in
// .data/pg (ignored by git) and survives restarts. Migrations are applied either way.
import path from "node:path";
import { createDatabase, startLocalPostgres, type LocalPostgres } from "../../lib/db/local-postgres.ts";
import { migrateDatabase } from "../../lib/db/migrate.ts";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
export const DEMO_PG_PORT = Number(process.env.CASHLINE_PG_PORT ?? 54329);

export type PreparedDatabase = { url: string; local: LocalPostgres | null };

export async function prepareDemoDatabase(log: (m: string) => void): Promise<PreparedDatabase> {
  let url = process.env.DATABASE_URL;
  let local: LocalPostgres | null = null;
  if (!url) {
    local = await startLocalPostgres({ dataDir: path.join(PROJECT_ROOT, ".data/pg"), port: DEMO_PG_PORT, log });
    await createDatabase(local.adminUrl, "cashline");
    url = local.urlFor("cashline");
    log(`embedded PostgreSQL on port ${DEMO_PG_PORT} (data in ${local.dataDir})`);
  } else {
    log("using DATABASE_URL");
  }
  const applied = await migrateDatabase(url, log);
  log(applied.length ? `applied ${applied.length} migration(s)` : "database schema up to date");
  return { url, local };
}
