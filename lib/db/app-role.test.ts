// Upgrading a database that ran before the least-privilege role existed (the demo's .data, a production server):
// pg-boss had created its schema as the owner and audit rows existed unchained. After the migration, the
// application role runs pg-boss (new queues mean new partitions: it must own the schema's objects) and the old
// audit rows are part of the chain.
import crypto from "node:crypto";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit/audit-chain.ts";
import { createDatabase, dropDatabase } from "./local-postgres.ts";
import { readMigrations } from "./migrate.ts";
import { appUrlFor, databaseUrlFor } from "../testing/test-database.ts";
import { ensureAppDatabaseUrl, withCredentials } from "./app-role.ts";

const MIGRATION = "20261203140000_audit_chain_and_app_role";
const name = `t_upgrade_${crypto.randomBytes(4).toString("hex")}`;
afterAll(() => dropDatabase(process.env.CASHLINE_TEST_ADMIN_URL!, name).catch(() => {}));

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
}

async function bossRoundTrip(url: string, queue: string, createSchema: boolean): Promise<unknown> {
  const boss = new PgBoss({ connectionString: url, createSchema, max: 2 });
  boss.on("error", () => {});
  await boss.start();
  try {
    await boss.createQueue(queue);
    await boss.send(queue, { n: 1 });
    const done = new Promise((resolve) => { void boss.work(queue, { pollingIntervalSeconds: 0.5 }, async ([job]) => resolve(job!.data)); });
    return await done;
  } finally {
    await boss.stop({ graceful: false, timeout: 2_000 });
  }
}

describe("upgrading a database to the least-privilege role", () => {
  it("hands pg-boss's schema to the application role and chains the audit rows written before", async () => {
    const admin = process.env.CASHLINE_TEST_ADMIN_URL!;
    await createDatabase(admin, name);
    const ownerUrl = databaseUrlFor(name);
    const migrations = readMigrations();
    const mine = migrations.findIndex((m) => m.name === MIGRATION);
    expect(mine).toBeGreaterThan(0);
    await withClient(ownerUrl, async (c) => {
      await c.query(`create table "_prisma_migrations" (id varchar(36) primary key)`); // as the migration runner makes it
      for (const m of migrations.slice(0, mine)) await c.query(m.sql);
    });
    // Before: pg-boss as the owner, audit rows unchained.
    expect(await bossRoundTrip(ownerUrl, "old.queue", true)).toEqual({ n: 1 });
    await withClient(ownerUrl, (c) => c.query(`insert into "AuditLog" ("actorType", action, details) values ('system', 'old.one', '{}'), ('user', 'old.two', '{"a": 1}')`));

    await withClient(ownerUrl, async (c) => { for (const m of migrations.slice(mine)) await c.query(m.sql); });
    const appUrl = await ensureAppDatabaseUrl(ownerUrl, new URL(appUrlFor(name)).password);
    expect(appUrl).toBe(withCredentials(ownerUrl, "cashline_app_login", new URL(appUrlFor(name)).password));

    // After: the application role runs the old queue and creates a new one (a new partition).
    expect(await bossRoundTrip(appUrl, "old.queue", false)).toEqual({ n: 1 });
    expect(await bossRoundTrip(appUrl, "new.queue", false)).toEqual({ n: 1 });
    await withClient(appUrl, async (c) => {
      await c.query(`insert into "AuditLog" ("actorType", action) values ('system', 'new.one')`);
      expect(await verifyAuditChain(c)).toMatchObject({ ok: true, count: 3 });
      expect((await c.query(`select action from "AuditLog" order by "chainSeq"`)).rows.map((r) => r.action)).toEqual(["old.one", "old.two", "new.one"]);
    });
  });
});
