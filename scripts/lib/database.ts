// Where the database comes from: DATABASE_URL when set; otherwise an embedded PostgreSQL whose data lives in
// .data/pg (ignored by git) and survives restarts. Migrations are applied either way, as the owner; the
// application connects as the least-privilege role (lib/db/app-role.ts): `url` is the application's URL,
// `ownerUrl` the owner's (migrations, seed).
import path from "node:path";
import { createDatabase, startLocalPostgres, type LocalPostgres } from "../../lib/db/local-postgres.ts";
import { migrateDatabase } from "../../lib/db/migrate.ts";
import { ensureAppDatabaseUrl, isSuperuser, passwordFromFile } from "../../lib/db/app-role.ts";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
export const DEMO_PG_PORT = Number(process.env.CASHLINE_PG_PORT ?? 54329);

export type PreparedDatabase = { url: string; ownerUrl: string; local: LocalPostgres | null };

export async function prepareDemoDatabase(log: (m: string) => void): Promise<PreparedDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    // DATABASE_URL is the application's URL; MIGRATION_DATABASE_URL (optional) the owner's, for migrations.
    const ownerUrl = process.env.MIGRATION_DATABASE_URL ?? external;
    log(process.env.MIGRATION_DATABASE_URL ? "using DATABASE_URL (migrations through MIGRATION_DATABASE_URL)" : "using DATABASE_URL");
    if (await isSuperuser(external)) {
      log("warning: DATABASE_URL connects as a superuser, which can rewrite the audit log; give the application a login role in cashline_app (README: Audit log) and the owner's URL as MIGRATION_DATABASE_URL");
    }
    const applied = await migrateDatabase(ownerUrl, log);
    log(applied.length ? `applied ${applied.length} migration(s)` : "database schema up to date");
    return { url: external, ownerUrl, local: null };
  }
  const local = await startLocalPostgres({ dataDir: path.join(PROJECT_ROOT, ".data/pg"), port: DEMO_PG_PORT, log });
  await createDatabase(local.adminUrl, "cashline");
  const ownerUrl = local.urlFor("cashline");
  log(`embedded PostgreSQL on port ${DEMO_PG_PORT} (data in ${local.dataDir})`);
  const applied = await migrateDatabase(ownerUrl, log);
  log(applied.length ? `applied ${applied.length} migration(s)` : "database schema up to date");
  const url = await ensureAppDatabaseUrl(ownerUrl, passwordFromFile(path.join(PROJECT_ROOT, ".data/app-db-password")));
  return { url, ownerUrl, local };
}
