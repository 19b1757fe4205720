// A query sent to a node-postgres client that is still running one is deprecated (pg 8.19+) and refused by pg 9.
// The detector below is pg's own condition for the warning, counted per call (the warning itself prints once
// per process). Prisma's interactive transactions load several relations with concurrent queries on their one
// connection: with our pool (serializeQueries) that must no longer happen.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "./client.ts";
import { serializeQueries } from "./serial-queries.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";

const database = useFreshDatabase();
let busySends = 0;
const realQuery = pg.Client.prototype.query;
beforeAll(() => {
  // pg's condition: a query queued behind another on the same client, outside pipeline mode.
  pg.Client.prototype.query = function (this: pg.Client & { _queryQueue: unknown[]; _activeQuery: unknown; pipeline?: boolean }, ...args: unknown[]) {
    if ((this._queryQueue.length > 0 || this._activeQuery) && !this.pipeline) busySends++;
    return (realQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof realQuery;
});
afterAll(() => { pg.Client.prototype.query = realQuery; });

describe("serializeQueries", () => {
  it("sends a connection's concurrent queries one after another, answering each in order", async () => {
    const raw = new pg.Client({ connectionString: database.url() });
    await raw.connect();
    try {
      busySends = 0;
      await Promise.all([raw.query("select pg_sleep(0.05)"), raw.query("select 1")]);
      expect(busySends).toBe(1); // the detector sees what pg warns about
      busySends = 0;
      const c = serializeQueries(raw);
      const answers = await Promise.all([c.query("select pg_sleep(0.05), 'a' as v"), c.query("select 'b' as v"), c.query("select 'c' as v")]);
      expect(answers.map((a) => a.rows[0].v)).toEqual(["a", "b", "c"]);
      await expect(c.query("select 1/0")).rejects.toThrow(/division by zero/);
      expect((await c.query("select 2 as n")).rows[0].n).toBe(2); // a failure does not stall the queue
      expect(busySends).toBe(0);
    } finally {
      await raw.end();
    }
  });

  it("keeps a Prisma transaction's relation loads off each other's toes", async () => {
    const world = await seedMiniWorld("sq");
    busySends = 0;
    const entity = await getDb().$transaction((tx) => tx.legalEntity.findUniqueOrThrow({
      where: { id: world.entity.id }, include: { bankAccounts: true, customers: true, invoices: true, receipts: true },
    }));
    expect(entity.bankAccounts.map((b) => b.id)).toEqual([world.bank.id]);
    expect(entity.customers.map((c) => c.id)).toEqual([world.customer.id]);
    expect(busySends).toBe(0);
  });
});
