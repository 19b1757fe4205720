// The unapplied-cash roll-up the Receipt triggers keep equals the receipts themselves after every kind of write
// (row and multi-row inserts, partial and full application, RETURNED and DUPLICATE, a moved value date, deletes,
// truncate), before and after a fold; writers never wait for each other on it; a write with triggers off is
// reported as drift, naming the key, and a rebuild repairs it.
import { spawn } from "node:child_process";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { getUnappliedCash, getUnappliedCashFromReceipts } from "./unapplied-cash.ts";
import { foldUnappliedCash } from "./fold-unapplied-cash.ts";
import { rebuildUnappliedCash } from "./rebuild-unapplied-cash.ts";
import { findRollupDrift } from "./find-rollup-drift.ts";

const database = useFreshDatabase();
let seq = 0;

async function world() {
  const w = await seedMiniWorld("uc");
  const uk = await getDb().legalEntity.upsert({ where: { code: "UK01" }, update: {}, create: { id: "uc_uk", code: "UK01", name: "Test Ltd", country: "GB", functionalCurrency: "GBP" } });
  return { ...w, uk };
}

function receipt(entityId: string, currency: string, amountMinor: bigint, valueDate: string, state = "UNIDENTIFIED") {
  const id = `uc_r${++seq}`;
  return { id, entityId, currency, amountMinor, unappliedMinor: amountMinor, valueDate: new Date(valueDate), channel: "ACH" as const, state: state as "UNIDENTIFIED", naturalKey: `test:${id}`, sourceSystem: "bank", sourceId: id };
}

async function expectAgrees(label: string) {
  const [rolled, live] = await Promise.all([getUnappliedCash(), getUnappliedCashFromReceipts()]);
  expect(rolled, label).toEqual(live);
  expect(await findRollupDrift(), label).toEqual([]);
  return rolled;
}

describe("unapplied cash roll-up", () => {
  it("equals the receipts after every kind of write, before and after folding", async () => {
    const w = await world();
    const db = getDb();
    await db.receipt.create({ data: receipt(w.entity.id, "USD", 10_000n, "2026-11-02") });
    await db.receipt.createMany({ data: [receipt(w.entity.id, "USD", 2_500n, "2026-11-02"), receipt(w.entity.id, "EUR", 700n, "2026-11-03"), receipt(w.uk.id, "GBP", 99_999n, "2026-10-30"), receipt(w.uk.id, "GBP", 1n, "2026-10-30", "APPLIED")] });
    await db.receipt.createMany({ data: [receipt(w.entity.id, "USD", 5n, "2026-11-04", "RETURNED"), receipt(w.entity.id, "USD", 6n, "2026-11-04", "DUPLICATE")] });
    let rows = await expectAgrees("inserts");
    expect(rows.map((r) => `${r.entity} ${r.currency} ${r.valueDate} ${r.count} ${r.amountMinor}`)).toEqual([
      "UK01 GBP 2026-10-30 2 100000", "US01 EUR 2026-11-03 1 700", "US01 USD 2026-11-02 2 12500",
    ]);

    const [first, second] = await db.receipt.findMany({ where: { entityId: w.entity.id, currency: "USD", valueDate: new Date("2026-11-02") }, orderBy: { id: "asc" } });
    await db.receipt.update({ where: { id: first!.id }, data: { unappliedMinor: 4_000n, state: "OVERPAYMENT" } }); // part applied
    await db.receipt.update({ where: { id: second!.id }, data: { unappliedMinor: 0n, state: "APPLIED" } }); // all applied
    await db.receipt.updateMany({ where: { currency: "EUR" }, data: { state: "DUPLICATE" } }); // found to be a duplicate
    await db.receipt.updateMany({ where: { state: "RETURNED" }, data: { state: "UNIDENTIFIED" } }); // a return undone
    await db.receipt.updateMany({ where: { currency: "GBP", unappliedMinor: 99_999n }, data: { valueDate: new Date("2026-10-31") } }); // value date corrected
    const before = await db.unappliedCashMovement.count();
    await db.receipt.updateMany({ where: { currency: "USD" }, data: { payerName: "NOT A CASH CHANGE" } }); // no cash column
    await db.receipt.update({ where: { id: second!.id }, data: { state: "POSTED" } }); // applied → posted: no cash either way
    await db.receipt.update({ where: { id: first!.id }, data: { state: "NEEDS_REVIEW", unappliedMinor: 4_000n } }); // same cash
    expect(await db.unappliedCashMovement.count(), "updates that leave the cash as it was append nothing").toBe(before);
    rows = await expectAgrees("updates");
    expect(rows.map((r) => `${r.entity} ${r.currency} ${r.valueDate} ${r.count} ${r.amountMinor}`)).toEqual([
      "UK01 GBP 2026-10-30 1 1", "UK01 GBP 2026-10-31 1 99999", "US01 USD 2026-11-02 1 4000", "US01 USD 2026-11-04 1 5",
    ]);

    const folded = await foldUnappliedCash();
    expect(folded.movements).toBeGreaterThan(5);
    expect(await db.unappliedCashMovement.count()).toBe(0);
    expect(folded.emptied).toBe(1); // US01 EUR 2026-11-03: nothing left there
    expect(await db.unappliedCashByValueDate.count()).toBe(4);
    await expectAgrees("after a fold");

    await db.receipt.delete({ where: { id: first!.id } });
    await db.receipt.deleteMany({ where: { currency: "GBP" } });
    await expectAgrees("deletes");
    await foldUnappliedCash();
    expect((await expectAgrees("deletes, folded")).map((r) => `${r.currency} ${r.valueDate} ${r.count} ${r.amountMinor}`)).toEqual(["USD 2026-11-04 1 5"]);
  });

  it("never makes writers of the same entity, currency and value date wait for each other", async () => {
    const w = await world();
    const a = await getDb().receipt.create({ data: receipt(w.entity.id, "USD", 1_000n, "2026-11-20") });
    const b = await getDb().receipt.create({ data: receipt(w.entity.id, "USD", 2_000n, "2026-11-20") });
    const one = new pg.Client({ connectionString: database.url() });
    const two = new pg.Client({ connectionString: database.url() });
    await Promise.all([one.connect(), two.connect()]);
    try {
      await one.query("begin");
      await one.query(`update "Receipt" set "unappliedMinor" = 0, state = 'APPLIED' where id = $1`, [a.id]);
      // A shared total row would make this wait for `one` to commit; the append-only movements do not.
      await two.query("set statement_timeout = 3000");
      await two.query(`update "Receipt" set "unappliedMinor" = 500, state = 'OVERPAYMENT' where id = $1`, [b.id]);
      await two.query(`insert into "Receipt" (id, "entityId", currency, "amountMinor", "unappliedMinor", "valueDate", channel, state, "naturalKey", "sourceSystem", "sourceId", "updatedAt")
                       values ('uc_conc', $1, 'USD', 300, 300, '2026-11-20', 'ACH', 'UNIDENTIFIED', 'test:uc_conc', 'bank', 'uc_conc', now())`, [w.entity.id]);
      await foldUnappliedCash(); // folds `two`'s committed movements; `one`'s, not committed yet, stay
      await one.query("commit");
    } finally {
      await Promise.all([one.end(), two.end()]);
    }
    const row = (await expectAgrees("concurrent writers")).find((r) => r.valueDate === "2026-11-20");
    expect(row).toMatchObject({ count: 2, amountMinor: 800n });
    await foldUnappliedCash();
    await expectAgrees("concurrent writers, folded");
  });

  it("stays exact while folds run between many concurrent writers", async () => {
    const w = await world();
    const ids = Array.from({ length: 60 }, () => receipt(w.entity.id, "USD", 1_000n, `2026-11-${String(10 + (seq % 5)).padStart(2, "0")}`));
    await getDb().receipt.createMany({ data: ids });
    let folding = true;
    const folds = (async () => { let n = 0; while (folding) { await foldUnappliedCash(); n++; } return n; })();
    await Promise.all(ids.map((r, i) => getDb().receipt.update({ where: { id: r.id }, data: i % 3 === 0 ? { unappliedMinor: 0n, state: "APPLIED" } : { unappliedMinor: BigInt(i), state: "OVERPAYMENT" } })));
    folding = false;
    expect(await folds).toBeGreaterThan(0);
    await expectAgrees("writers and folds together");
    await foldUnappliedCash();
    await expectAgrees("writers and folds together, folded");
  });

  it("reports a write made with triggers off as drift, naming the key, and a rebuild repairs it", async () => {
    const w = await world();
    await getDb().receipt.create({ data: receipt(w.entity.id, "CAD", 4_200n, "2026-11-25") });
    // A bulk load's way (bench:dashboards): the owner turns triggers off for its session.
    const owner = new pg.Client({ connectionString: database.ownerUrl() });
    await owner.connect();
    try {
      await owner.query("set session_replication_role = replica");
      await owner.query(`update "Receipt" set "unappliedMinor" = 4000 where currency = 'CAD'`);
    } finally {
      await owner.end();
    }
    expect(await findRollupDrift()).toEqual(["unapplied cash US01 CAD 2026-11-25: roll-up 1 rows, 4200 minor, source 1 rows, 4000 minor"]);
    await rebuildUnappliedCash();
    await expectAgrees("after a rebuild");
    expect(await getDb().unappliedCashMovement.count()).toBe(0);
  });

  it("`cashline figures check` names a drift and exits 1; `cashline figures rebuild` repairs it", async () => {
    const cli = (sub: string) => new Promise<{ code: number; out: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "bin/cashline.ts", "figures", sub], { env: { ...process.env, DATABASE_URL: database.url() } });
      let out = "";
      child.stdout.on("data", (d) => { out += d; });
      child.stderr.on("data", (d) => { out += d; });
      child.on("close", (code) => resolve({ code: code ?? -1, out }));
    });
    expect(await cli("check")).toEqual({ code: 0, out: "figures kept on write agree with their sources\n" });
    await database.asOwner(`set session_replication_role = replica; update "Receipt" set "unappliedMinor" = 1 where currency = 'CAD'`);
    const drifted = await cli("check");
    expect(drifted.code).toBe(1);
    expect(drifted.out).toContain("unapplied cash US01 CAD 2026-11-25: roll-up 1 rows, 4000 minor, source 1 rows, 1 minor");
    const rebuilt = await cli("rebuild");
    expect(rebuilt.code, rebuilt.out).toBe(0);
    expect(rebuilt.out).toMatch(/figures rebuilt from their sources in [\d.]+ s: unapplied cash \d+ rows, unreconciled bank lines \d+ rows/);
    expect((await cli("check")).code).toBe(0);
    expect(await cli("bogus")).toMatchObject({ code: 2 });
  }, 60_000);

  it("empties with a truncate of the receipts", async () => {
    await world();
    expect((await getUnappliedCash()).length).toBeGreaterThan(0);
    await database.asOwner(`truncate "Receipt" cascade`);
    expect(await getUnappliedCash()).toEqual([]);
    expect(await findRollupDrift()).toEqual([]);
  });
});
