// GL balances kept on write equal the journal itself after every kind of write: entries created POSTED with their
// lines, lines inserted in bulk, an entry becoming POSTED after its lines, a failed entry's line moved to another
// account and then posted, a posted line corrected, a posted entry moved to another entity, deletes; folded or not.
// Updates that change nothing counted append nothing; a posting that races a line correction still comes out exact;
// a write with triggers off is reported as drift and repaired by a rebuild.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { foldGlBalances, getGlBalances, getGlBalancesFromJournal, rebuildGlBalances } from "./gl-balances.ts";
import { findRollupDrift } from "./find-rollup-drift.ts";

const database = useFreshDatabase();
let seq = 0;

type Line = { account: string; debit?: bigint; credit?: bigint };
const lineData = (l: Line) => ({ account: l.account, debitMinor: l.debit ?? 0n, creditMinor: l.credit ?? 0n });

async function entry(entityId: string, status: "POSTED" | "PENDING" | "FAILED", lines: Line[], currency = "USD") {
  const id = `gl_${++seq}`;
  return getDb().journalEntry.create({
    data: { id, entityId, currency, kind: "cash_receipt", idempotencyKey: `k-${id}`, status, postedAt: status === "POSTED" ? new Date() : null, lines: { create: lines.map(lineData) } },
  });
}

async function expectAgrees(label: string) {
  const [rolled, live] = await Promise.all([getGlBalances(), getGlBalancesFromJournal()]);
  expect(rolled, label).toEqual(live);
  expect(await findRollupDrift(), label).toEqual([]);
  return rolled.map((r) => `${r.currency} ${r.account} ${r.count} ${r.amountMinor}`);
}

/** A journal of the test's own (the database is shared by this file's tests); the truncate trigger empties the roll-up. */
async function world() {
  await database.asOwner(`truncate "JournalEntry" cascade`);
  const w = await seedMiniWorld("gl");
  const other = await getDb().legalEntity.upsert({ where: { id: "gl_de" }, update: {}, create: { id: "gl_de", code: "DE01", name: "Test GmbH", country: "DE", functionalCurrency: "EUR" } });
  return { us: w.entity.id, de: other.id };
}

describe("GL balances kept on write", () => {
  it("equal the journal after every kind of write, folded or not", async () => {
    const { us, de } = await world();
    const db = getDb();
    await entry(us, "POSTED", [{ account: "1010", debit: 10_000n }, { account: "1200", credit: 10_000n }]);
    const pending = await entry(us, "PENDING", [{ account: "1010", debit: 2_000n }, { account: "1200", credit: 2_000n }]);
    const failed = await entry(us, "FAILED", [{ account: "1010", debit: 700n }, { account: "1200", credit: 700n }]);
    // Bulk: several entries, then all their lines in one statement (request-erp-postings' way).
    await db.journalEntry.createMany({ data: [1, 2].map((k) => ({ id: `gl_bulk${k}`, entityId: us, currency: "USD", kind: "cash_receipt", idempotencyKey: `k-bulk${k}`, status: "POSTED" as const, postedAt: new Date() })) });
    await db.journalLine.createMany({ data: [1, 2].flatMap((k) => [{ entryId: `gl_bulk${k}`, ...lineData({ account: "1010", debit: 100n * BigInt(k) }) }, { entryId: `gl_bulk${k}`, ...lineData({ account: "1200", credit: 100n * BigInt(k) }) }]) });
    expect(await expectAgrees("inserts")).toEqual(["USD 1010 3 10300", "USD 1200 3 -10300"]);

    const moves = await db.glBalanceMovement.count();
    await db.journalEntry.updateMany({ data: { attempts: { increment: 1 }, lastError: "timeout" } });
    await db.journalLine.updateMany({ data: { description: "touched" } });
    expect(await db.glBalanceMovement.count(), "updates that change nothing counted append nothing").toBe(moves);

    await db.journalEntry.update({ where: { id: pending.id }, data: { status: "POSTED", postedAt: new Date() } }); // acknowledged
    // correct-posting: the failed entry's bank line moves to the right GL account, then the ERP takes it.
    await db.journalLine.updateMany({ where: { entryId: failed.id, account: "1010" }, data: { account: "1020" } });
    expect(await expectAgrees("a failed entry's line moved: still not counted")).toEqual(["USD 1010 4 12300", "USD 1200 4 -12300"]);
    await db.journalEntry.update({ where: { id: failed.id }, data: { status: "POSTED", postedAt: new Date() } });
    await db.journalLine.updateMany({ where: { entryId: "gl_bulk2", account: "1010" }, data: { debitMinor: 250n } }); // a posted line corrected
    await db.journalEntry.update({ where: { id: "gl_bulk1" }, data: { entityId: de, currency: "EUR" } }); // a posted entry moved
    expect(await expectAgrees("updates")).toEqual(["EUR 1010 1 100", "EUR 1200 1 -100", "USD 1010 3 12250", "USD 1020 1 700", "USD 1200 4 -12900"]);

    const folded = await foldGlBalances();
    expect(folded.movements).toBeGreaterThan(0);
    expect(await db.glBalanceMovement.count()).toBe(0);
    await expectAgrees("folded");

    await db.journalEntry.update({ where: { id: failed.id }, data: { status: "FAILED" } }); // leaves POSTED: its lines go
    await db.journalLine.deleteMany({ where: { entryId: "gl_bulk1" } });
    await db.journalEntry.delete({ where: { id: "gl_bulk1" } });
    expect(await expectAgrees("deletes")).toEqual(["USD 1010 3 12250", "USD 1200 3 -12200"]);
    await foldGlBalances();
    expect(await db.glBalance.count(), "keys with nothing left are dropped").toBe(2);
    await expectAgrees("deletes, folded");
  });

  it("stays exact when a posting races a correction of the entry's lines", async () => {
    const { us } = await world();
    const e = await entry(us, "FAILED", [{ account: "1010", debit: 900n }, { account: "1200", credit: 900n }]);
    const one = new pg.Client({ connectionString: database.url() });
    const two = new pg.Client({ connectionString: database.url() });
    await Promise.all([one.connect(), two.connect()]);
    try {
      await one.query("begin");
      await one.query(`update "JournalLine" set account = '1020' where "entryId" = $1 and account = '1010'`, [e.id]);
      // The acknowledgement waits for the correction (the line trigger holds the entry FOR SHARE) and then sums the
      // lines as corrected; without the lock it would count the old account and the correction would add nothing.
      const posting = two.query(`update "JournalEntry" set status = 'POSTED', "postedAt" = now() where id = $1`, [e.id]);
      await new Promise((r) => setTimeout(r, 300));
      await one.query("commit");
      await posting;
    } finally {
      await Promise.all([one.end(), two.end()]);
    }
    expect(await expectAgrees("raced")).toEqual(["USD 1020 1 900", "USD 1200 1 -900"]);
  });

  it("reports a write made with triggers off as drift, naming the key, and a rebuild repairs it; a truncate empties it", async () => {
    const { us } = await world();
    await entry(us, "POSTED", [{ account: "1010", debit: 4_200n }, { account: "1200", credit: 4_200n }]);
    await database.asOwner(`set session_replication_role = replica; update "JournalLine" set "debitMinor" = 4000 where account = '1010'`);
    expect(await findRollupDrift()).toEqual([`GL balance ${us} USD 1010: roll-up 1 rows, 4200 minor, source 1 rows, 4000 minor`]);
    expect(await rebuildGlBalances()).toEqual({ keys: 2 });
    await expectAgrees("after a rebuild");
    expect(await getDb().glBalanceMovement.count()).toBe(0);
    await database.asOwner(`truncate "JournalEntry" cascade`);
    expect(await getGlBalances()).toEqual([]);
    expect(await getDb().glBalance.count()).toBe(0);
  });
});
