// A machine client's call (API key) is audited in the same transaction as its effect. The API route opens a
// call-audit context around the handler (AsyncLocalStorage); the first transaction of that handler to commit
// writes the call's audit row on its own connection right before COMMIT, whichever path opened it (Prisma's
// interactive or batch transactions, transactionWithConnection, withPgTransaction). If that insert fails the
// transaction is rolled back: an effect without its audit row cannot be committed. A call that committed
// nothing (a read, a refusal) gets its row from the route afterwards, with the status it was answered.
import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";
import type { AuditInput } from "./write-audit.ts";

export type CallAudit = { input: AuditInput; written: boolean };

const calls = new AsyncLocalStorage<CallAudit>();

export function runWithCallAudit<T>(call: CallAudit, fn: () => Promise<T>): Promise<T> {
  return calls.run(call, fn);
}

const hooked = new WeakSet<object>();
const isCommit = (arg: unknown) => {
  const text = typeof arg === "string" ? arg : (arg as { text?: unknown } | null)?.text;
  return typeof text === "string" && /^\s*(commit|end)\s*;?\s*$/i.test(text);
};

/**
 * Makes a pooled connection write the pending call-audit row before it commits. Idempotent per connection; every
 * other query (including COPY streams, which must come back synchronously) goes through untouched.
 */
export function auditCallsOnCommit<C extends pg.ClientBase>(client: C): C {
  if (hooked.has(client)) return client;
  hooked.add(client);
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const call = calls.getStore();
    if (!call || call.written || !isCommit(args[0])) return original(...args);
    return (async () => {
      try {
        await original(
          `insert into "AuditLog" ("actorType", "actorId", "actorLabel", action, "targetType", "targetId", details, ip, "requestId") values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [call.input.actorType, call.input.actorId ?? null, call.input.actorLabel ?? null, call.input.action, call.input.targetType ?? null,
            call.input.targetId ?? null, JSON.stringify({ ...call.input.details, committed: true }), call.input.ip ?? null, call.input.requestId ?? null],
        );
      } catch (err) {
        await (original("rollback") as Promise<unknown>).catch(() => {});
        throw err;
      }
      const result = await (original(...args) as Promise<unknown>);
      call.written = true;
      return result;
    })();
  };
  return client;
}
