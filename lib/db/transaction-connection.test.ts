// transactionWithConnection against a real database: each transaction gets its own connection, the one Prisma
// runs it on (same session, same transaction), also when several run at once.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "./client.ts";
import { transactionWithConnection } from "./transaction-connection.ts";

const database = useFreshDatabase();

describe("transactionWithConnection", () => {
  it("hands each of several concurrent transactions the connection that transaction runs on", async () => {
    const seen = await Promise.all(Array.from({ length: 6 }, (_, i) => transactionWithConnection(async (tx, conn) => {
      await new Promise((r) => setTimeout(r, 20 * (i % 3)));
      const [{ pid: viaPrisma }] = await tx.$queryRawUnsafe<{ pid: number }[]>("select pg_backend_pid() as pid");
      const { rows: [raw] } = await conn.query<{ pid: number; xid: string }>("select pg_backend_pid() as pid, pg_current_xact_id()::text as xid");
      const [{ xid: prismaXid }] = await tx.$queryRawUnsafe<{ xid: string }[]>("select pg_current_xact_id()::text as xid");
      return { viaPrisma, raw: raw!.pid, sameTransaction: raw!.xid === prismaXid };
    })));
    for (const s of seen) expect(s).toEqual({ viaPrisma: s.raw, raw: s.raw, sameTransaction: true });
    expect(new Set(seen.map((s) => s.raw)).size).toBe(6);
  });

  it("rolls back what was written on the connection when the callback fails", async () => {
    await database.asOwner(`create table if not exists tc_probe (id int primary key)`); // DDL: the owner's (the app role gets DML by default privileges)
    await expect(transactionWithConnection(async (_tx, conn) => {
      await conn.query("insert into tc_probe values (1)");
      throw new Error("boom");
    })).rejects.toThrow("boom");
    expect(await getDb().$queryRawUnsafe<{ n: bigint }[]>("select count(*)::bigint as n from tc_probe")).toEqual([{ n: 0n }]);
    await transactionWithConnection(async (_tx, conn) => { await conn.query("insert into tc_probe values (2)"); });
    expect(await getDb().$queryRawUnsafe<{ n: bigint }[]>("select count(*)::bigint as n from tc_probe")).toEqual([{ n: 1n }]);
  });
});
