// The audit log is tamper-evident: the application's role may only read and append it, the owner is stopped by a
// trigger, every row is chained, and `cashline audit verify` finds the first row that was changed behind the
// trigger's back.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client.ts";
import { bulkInsert } from "../db/bulk-insert.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { verifyAuditChain } from "./audit-chain.ts";
import { writeAudit } from "./write-audit.ts";

const database = useFreshDatabase();
const ROOT = path.resolve(import.meta.dirname, "../..");
let owner: pg.Client;
let app: pg.Client;

beforeAll(async () => {
  owner = new pg.Client({ connectionString: database.ownerUrl() });
  app = new pg.Client({ connectionString: database.url() });
  await Promise.all([owner.connect(), app.connect()]);
});
afterAll(async () => { await Promise.all([owner.end(), app.end()]); });

const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: Error & { code?: string }) => e);

async function verifyCli(url: string) {
  return promisify(execFile)(process.execPath, ["--import", "tsx", "bin/cashline.ts", "audit", "verify"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url } })
    .then((r) => ({ code: 0, out: r.stdout, err: r.stderr }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }));
}

describe("the application's database role", () => {
  it("is not a superuser and may read and append the audit log, never change, remove or truncate it", async () => {
    const me = await app.query(`select current_user as u, rolsuper from pg_roles where rolname = current_user`);
    expect(me.rows[0]).toMatchObject({ u: "cashline_app_login", rolsuper: false });
    await writeAudit({ actorType: "system", action: "test.appended" });
    const row = await getDb().auditLog.findFirstOrThrow({ where: { action: "test.appended" } });
    expect((await errorOf(app.query(`update "AuditLog" set action = 'x' where id = $1`, [row.id])))?.code).toBe("42501");
    expect((await errorOf(app.query(`delete from "AuditLog" where id = $1`, [row.id])))?.code).toBe("42501");
    expect((await errorOf(app.query(`truncate "AuditLog"`)))?.code).toBe("42501");
    expect((await errorOf(app.query(`update "AuditChainHead" set seq = 0`)))?.code).toBe("42501");
    expect((await errorOf(app.query(`delete from "_prisma_migrations"`)))?.code).toBe("42501");
    expect((await errorOf(app.query(`create table "Sneaky" (id int)`)))?.code).toBe("42501");
  });

  it("keeps full rights on the application's tables, including tables later migrations create", async () => {
    await owner.query(`create table "LaterFeature" (id serial primary key, note text)`); // as a later migration would
    await app.query(`insert into "LaterFeature" (note) values ('a')`);
    await app.query(`update "LaterFeature" set note = 'b'`);
    await app.query(`delete from "LaterFeature"`);
    const user = await getDb().user.create({ data: { email: "r@test", name: "R", role: "ADMIN", passwordHash: "x" } });
    await getDb().user.update({ where: { id: user.id }, data: { name: "R2" } });
    await getDb().user.delete({ where: { id: user.id } });
  });

  it("the owner too is stopped by the append-only trigger", async () => {
    const { rows: [r] } = await owner.query(`select id from "AuditLog" order by id limit 1`);
    expect((await errorOf(owner.query(`update "AuditLog" set action = 'x' where id = $1`, [r.id])))?.message).toMatch(/append-only: UPDATE refused/);
    expect((await errorOf(owner.query(`delete from "AuditLog" where id = $1`, [r.id])))?.message).toMatch(/append-only: DELETE refused/);
    expect((await errorOf(owner.query(`truncate "AuditLog"`)))?.message).toMatch(/append-only: TRUNCATE refused/);
  });
});

describe("the hash chain", () => {
  it("chains every writer (Prisma, raw SQL, bulk insert) and concurrent transactions into one line", async () => {
    const db = getDb();
    await db.$transaction((tx) => bulkInsert(tx, "AuditLog", Array.from({ length: 50 }, (_, i) => i), [
      ["actorType", "text", () => "system"], ["action", "text", () => "erp.posted"], ["targetId", "text", (i) => `r${i}`],
      ["details", "jsonb", (i) => JSON.stringify({ n: i, "é ü": "naïve 🧾", nested: { b: 1, a: [1, "x|y"] } })],
    ]));
    await app.query(`insert into "AuditLog" ("actorType", action, details) values ('system', 'raw', '{"z": 1, "a": null}')`);
    await Promise.all(Array.from({ length: 40 }, (_, i) => db.$transaction(async (tx) => {
      await writeAudit({ actorType: "user", actorId: `u${i}`, actorLabel: `user${i}@x`, action: "concurrent", ip: "10.0.0.1", requestId: `req-${i}` }, tx);
      await tx.$executeRawUnsafe(`select pg_sleep(0.005)`);
    })));
    const result = await verifyAuditChain(app);

    const total = await db.auditLog.count();
    expect(result).toMatchObject({ ok: true, count: total });
    expect(total).toBeGreaterThanOrEqual(92);
    const seqs = (await db.auditLog.findMany({ select: { chainSeq: true }, orderBy: { chainSeq: "asc" } })).map((r) => Number(r.chainSeq));
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });

  it("`cashline audit verify` exits 0 with the count, and names the first row changed as the owner with the trigger disabled", async () => {
    const intact = await verifyCli(database.url());
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(new RegExp(`audit chain intact: ${await getDb().auditLog.count()} rows verified`));

    const { rows: [victim] } = await owner.query(`select id::text as id, "chainSeq"::text as seq, "actorLabel" as label from "AuditLog" where action = 'concurrent' order by "chainSeq" limit 1 offset 3`);
    await owner.query(`alter table "AuditLog" disable trigger audit_log_append_only`);
    await owner.query(`update "AuditLog" set "actorLabel" = 'someone-else@x' where id = $1`, [victim.id]);
    await owner.query(`alter table "AuditLog" enable trigger audit_log_append_only`);

    const broken = await verifyCli(database.url());
    expect(broken.code).toBe(1);
    expect(broken.err).toContain(`BROKEN at row id ${victim.id} (chainSeq ${victim.seq}): its fields do not match its hash`);
    expect(broken.err).toContain(`${Number(victim.seq) - 1} rows verified before it`);

    // Put back exactly what was there, and the chain holds again: verify judges the content, nothing else.
    await owner.query(`alter table "AuditLog" disable trigger audit_log_append_only`);
    await owner.query(`update "AuditLog" set "actorLabel" = $2 where id = $1`, [victim.id, victim.label]);
    await owner.query(`alter table "AuditLog" enable trigger audit_log_append_only`);
    expect(await verifyAuditChain(app)).toMatchObject({ ok: true });
  });

  it("finds a row removed from the middle and rows cut off the end", async () => {
    const { rows: [head] } = await owner.query(`select max("chainSeq")::text as seq from "AuditLog"`);
    await owner.query(`alter table "AuditLog" disable trigger audit_log_append_only`);
    try {
      await owner.query(`delete from "AuditLog" where "chainSeq" = $1`, [head.seq]);
      const cut = await verifyAuditChain(owner);
      expect(cut).toMatchObject({ ok: false, count: Number(head.seq) - 1, broken: { id: "(end of chain)", reason: expect.stringContaining("rows were removed from the end") } });
      const { rows: [mid] } = await owner.query(`select id::text as id from "AuditLog" where "chainSeq" = 10`);
      await owner.query(`delete from "AuditLog" where "chainSeq" = 9`);
      const gap = await verifyAuditChain(owner);
      expect(gap).toMatchObject({ ok: false, count: 8, broken: { id: mid.id, reason: expect.stringContaining("a row is missing") } });
    } finally {
      await owner.query(`alter table "AuditLog" enable trigger audit_log_append_only`);
    }
  });
});
