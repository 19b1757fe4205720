// db.$transaction that also hands the callback the transaction's own node-postgres connection, for bulk
// statements (COPY, multi-MB array parameters) that Prisma cannot send or would re-encode. Everything else in the
// callback still goes through `tx`; both are one session and one transaction, which is checked before use.
import crypto from "node:crypto";
import type pg from "pg";
import { getDb, type Prisma } from "./client.ts";
import { reportConnectionTo, type ConnectionSlot } from "./reporting-pool.ts";

export type TransactionConnection = pg.ClientBase;

export async function transactionWithConnection<T>(
  fn: (tx: Prisma.TransactionClient, conn: TransactionConnection) => Promise<T>,
  options?: { timeout?: number; maxWait?: number },
): Promise<T> {
  const slot: ConnectionSlot = {};
  return reportConnectionTo(slot, () => getDb().$transaction(async (tx) => {
    const conn = slot.taken;
    if (!conn) throw new Error("transactionWithConnection: the pool did not report the transaction's connection (not a ReportingPool?)");
    await assertSameTransaction(tx, conn);
    return fn(tx, conn);
  }, options));
}

/** A transaction-local setting made through Prisma must be visible on the connection: same session, same transaction. */
async function assertSameTransaction(tx: Prisma.TransactionClient, conn: TransactionConnection): Promise<void> {
  const token = crypto.randomUUID();
  await tx.$executeRawUnsafe(`select set_config('cashline.transaction_token', $1, true)`, token);
  const { rows } = await conn.query<{ token: string | null }>(`select current_setting('cashline.transaction_token', true) as token`);
  if (rows[0]?.token !== token) throw new Error("transactionWithConnection: the reported connection is not the transaction's");
}
