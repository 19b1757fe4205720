import pg from "pg";
import { describe, expect, it } from "vitest";
import { createDatabase, dropDatabase } from "./local-postgres.ts";
import { migrateDatabase, readMigrations } from "./migrate.ts";
import { databaseUrlFor } from "../testing/test-database.ts";

describe("migrations", () => {
  it("apply to an empty database, record themselves like Prisma does, and are idempotent", async () => {
    const name = `t_empty_${process.pid}`;
    const admin = process.env.CASHLINE_TEST_ADMIN_URL!;
    await dropDatabase(admin, name);
    await createDatabase(admin, name);
    const url = databaseUrlFor(name);
    try {
      const applied = await migrateDatabase(url);
      expect(applied).toEqual(readMigrations().map((m) => m.name));
      expect(applied.length).toBeGreaterThan(0);
      expect(await migrateDatabase(url)).toEqual([]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const recorded = await client.query(`select migration_name, checksum, finished_at from "_prisma_migrations" order by migration_name`);
      const tables = await client.query(`select table_name from information_schema.tables where table_schema = 'public'`);
      await client.end();
      expect(recorded.rows.map((r) => r.migration_name)).toEqual(applied);
      expect(recorded.rows.every((r) => r.finished_at && r.checksum.length === 64)).toBe(true);
      const names = tables.rows.map((r) => r.table_name);
      for (const t of ["Receipt", "Invoice", "WorkflowEvent", "JournalEntry", "AuditLog", "ExceptionCase", "User"]) expect(names).toContain(t);
    } finally {
      await dropDatabase(admin, name);
    }
  });

  it("run concurrently from several processes without applying anything twice", async () => {
    const name = `t_race_${process.pid}`;
    const admin = process.env.CASHLINE_TEST_ADMIN_URL!;
    await dropDatabase(admin, name);
    await createDatabase(admin, name);
    try {
      const results = await Promise.all([1, 2, 3].map(() => migrateDatabase(databaseUrlFor(name))));
      expect(results.flat().sort()).toEqual(readMigrations().map((m) => m.name).sort());
    } finally {
      await dropDatabase(admin, name);
    }
  });
});
