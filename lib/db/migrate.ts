// Applies prisma/migrations/*/migration.sql in order, recording each in Prisma's own `_prisma_migrations`
// table (same columns and sha256 checksum), so `prisma migrate deploy` on a connected machine agrees with us.
// An advisory lock serialises concurrent starters (web, worker, tests) on one database.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
const LOCK_ID = 7_420_013;

export type MigrationFile = { name: string; sql: string; checksum: string };

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** Returns the names of the migrations applied by this call. */
export async function migrateDatabase(databaseUrl: string, log: (m: string) => void = () => {}): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  // Nothing pending: touch nothing. So a process connected as the least-privilege application role (which may
  // not create tables) starts as long as the owner has migrated (lib/db/app-role.ts).
  if (await allApplied(client)) {
    await client.end();
    return applied;
  }
  try {
    await client.query("select pg_advisory_lock($1)", [LOCK_ID]);
    await client.query(`create table if not exists "_prisma_migrations" (
      "id" varchar(36) primary key not null,
      "checksum" varchar(64) not null,
      "finished_at" timestamptz,
      "migration_name" varchar(255) not null,
      "logs" text,
      "rolled_back_at" timestamptz,
      "started_at" timestamptz not null default now(),
      "applied_steps_count" integer not null default 0)`);
    const done = await client.query<{ migration_name: string; checksum: string }>(
      `select migration_name, checksum from "_prisma_migrations" where finished_at is not null and rolled_back_at is null`,
    );
    const byName = new Map(done.rows.map((r) => [r.migration_name, r.checksum]));
    for (const m of readMigrations()) {
      const prior = byName.get(m.name);
      if (prior) {
        if (prior !== m.checksum) log(`warning: migration ${m.name} was edited after it was applied`);
        continue;
      }
      const id = crypto.randomUUID();
      await client.query("begin");
      try {
        await client.query(`insert into "_prisma_migrations" (id, checksum, migration_name) values ($1, $2, $3)`, [id, m.checksum, m.name]);
        await client.query(m.sql);
        await client.query(`update "_prisma_migrations" set finished_at = now(), applied_steps_count = 1 where id = $1`, [id]);
        await client.query("commit");
      } catch (err) {
        await client.query("rollback");
        throw new Error(`migration ${m.name} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      applied.push(m.name);
      log(`applied migration ${m.name}`);
    }
  } finally {
    await client.query("select pg_advisory_unlock($1)", [LOCK_ID]).catch(() => {});
    await client.end();
  }
  return applied;
}

async function allApplied(client: pg.Client): Promise<boolean> {
  const table = await client.query<{ ok: boolean }>(`select to_regclass('"_prisma_migrations"') is not null as ok`);
  if (!table.rows[0]?.ok) return false;
  const done = await client.query<{ migration_name: string }>(
    `select migration_name from "_prisma_migrations" where finished_at is not null and rolled_back_at is null`);
  const names = new Set(done.rows.map((r) => r.migration_name));
  return readMigrations().every((m) => names.has(m.name));
}
