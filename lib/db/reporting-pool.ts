// Prisma runs an interactive transaction on one pooled node-postgres connection but never hands it out. A few
// bulk paths need that connection itself (COPY; parameters of several MB, which Prisma JSON-encodes and decodes
// again before they reach the driver). This pool reports the connection a caller takes with `connect()` (the
// promise form: what Prisma's adapter uses to start a transaction) to a slot the caller set up with
// `reportConnectionTo`, carried by AsyncLocalStorage so concurrent transactions never see each other's.
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { auditCallsOnCommit } from "../audit/call-audit.ts";
import { serializeQueries } from "./serial-queries.ts";

export type ConnectionSlot = { taken?: pg.PoolClient };

const slots = new AsyncLocalStorage<ConnectionSlot>();

export class ReportingPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    if (callback) return super.connect(callback);
    const slot = slots.getStore(); // the caller's context, read before anything is awaited
    return super.connect().then((client) => {
      if (slot && !slot.taken) slot.taken = client; // the first one only: the transaction's
      // Prisma's transactions send concurrent queries to their connection: queued here (serial-queries.ts). An API-key
      // call's audit row commits with its effect (lib/audit/call-audit.ts).
      return auditCallsOnCommit(serializeQueries(client));
    });
  }
}

/** Runs `fn`; the first connection taken from a ReportingPool inside it is put in `slot`. */
export function reportConnectionTo<T>(slot: ConnectionSlot, fn: () => Promise<T>): Promise<T> {
  return slots.run(slot, fn);
}
