// One query at a time on a node-postgres connection. pg 8.19+ warns ("Calling client.query() when the client is
// already executing a query is deprecated and will be removed in pg@9.0") when a query is sent to a client that is
// still running one, and pg 9 will refuse it. Prisma's query interpreter does exactly that inside an interactive
// transaction: a read with several relations (a `join` node) loads the children with Promise.all, and
// @prisma/adapter-pg sends them all to the transaction's one connection (prisma/orm#29468, #29979, open; 7.10.1,
// the newest release, still does it). So the connections Prisma takes from our pool queue their own queries,
// in the order they were sent — what pg's internal queue did, without relying on it.
import type pg from "pg";

const serialized = new WeakSet<object>();

type AnyQuery = (...args: unknown[]) => unknown;

/** Streams (COPY, cursors: objects with `submit`) and callback-style calls go through unchanged, synchronously. */
const passesThrough = (args: unknown[]) =>
  typeof (args[0] as { submit?: unknown } | null)?.submit === "function" || typeof args[args.length - 1] === "function";

export function serializeQueries<C extends pg.ClientBase>(client: C): C {
  if (serialized.has(client)) return client;
  serialized.add(client);
  const original = client.query.bind(client) as AnyQuery;
  let tail: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  (client as unknown as { query: AnyQuery }).query = (...args: unknown[]) => {
    if (passesThrough(args)) return original(...args);
    // Idle: sent now, as before; busy: sent when the queries before it have finished.
    const sent = waiting === 0 ? Promise.resolve(original(...args)) : tail.then(() => original(...args));
    waiting++;
    tail = sent.then(done, done);
    return sent;
  };
  function done() {
    waiting--;
  }
  return client;
}
