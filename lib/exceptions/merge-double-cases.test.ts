// The migration that enforces one active case per receipt first merges the doubles a database already has.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { MIGRATIONS_DIR } from "../db/migrate.ts";
import { makeReceipt, seedWorld, type World } from "./test-fixtures.ts";

const fresh = useFreshDatabase();
let w: World;
beforeAll(async () => { w = await seedWorld(); });
// The migration runs as the owner (DDL); the application role may not drop or create indexes.
const client = () => new pg.Client({ connectionString: fresh.ownerUrl() });
let c: pg.Client;
beforeAll(async () => { c = client(); await c.connect(); });
afterAll(() => c.end());

describe("migration 20261203150001_exception_resolutions", () => {
  it("merges existing double active cases into the newest (notes moved, merged one cancelled and linked), then enforces one", async () => {
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, "20261203150001_exception_resolutions", "migration.sql"), "utf8");
    const handWritten = sql.slice(sql.indexOf("-- Hand-written: merge the doubles"));
    await c.query(`drop index "ExceptionCase_one_active_per_receipt"`);
    const { receipt, kase: older } = await makeReceipt(w, { amountMinor: 1_000n, state: "NEEDS_REVIEW", code: "AMBIGUOUS" });
    await getDb().exceptionNote.create({ data: { caseId: older!.id, authorId: w.analyst.id, body: "called the customer" } });
    const newer = await getDb().exceptionCase.create({ data: { code: "UNIDENTIFIED", entityId: w.entity.id, receiptId: receipt.id, slaDueAt: new Date(), reasons: ["re-decided"], createdAt: new Date(Date.now() + 1000) } });
    const single = await makeReceipt(w, { amountMinor: 1_000n });
    await c.query("begin");
    await c.query(handWritten);
    await c.query("commit");
    const cases = await getDb().exceptionCase.findMany({ where: { receiptId: receipt.id }, include: { notes: true } });
    const survivor = cases.find((x) => x.id === newer.id)!;
    const merged = cases.find((x) => x.id === older!.id)!;
    expect(survivor.status).toBe("OPEN");
    expect(merged).toMatchObject({ status: "CANCELLED", mergedIntoId: newer.id, resolution: `Merged into case ${newer.id}` });
    expect(survivor.notes.map((n) => n.body)).toEqual(expect.arrayContaining(["called the customer", `Merged case ${older!.id} (AMBIGUOUS) into this one: one active case per receipt.`]));
    expect(await getDb().workflowEvent.count({ where: { receiptId: receipt.id, type: "exception.merged" } })).toBe(1);
    expect((await getDb().exceptionCase.findUniqueOrThrow({ where: { id: single.kase!.id } })).status).toBe("OPEN");
    const again = await c.query(`insert into "ExceptionCase" (id, code, "entityId", "receiptId", "slaDueAt", reasons, "updatedAt") values ('x1', 'DUPLICATE', $1, $2, now(), '{}', now())`, [w.entity.id, receipt.id]).catch((e: Error) => e);
    expect(String(again)).toContain("ExceptionCase_one_active_per_receipt");
  });
});
