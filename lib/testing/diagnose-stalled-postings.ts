// What a test prints when postings it waits for never arrive: the entries' states, their pg-boss jobs (state,
// retries, heartbeat, expiry), the queue's supervision stamps, the database's sessions and ungranted locks, and
// the shared circuit. One CI failure (a NetSuite kill test whose second worker posted nothing for 240 s and logged
// nothing at warn) could not be explained from the worker's log alone; this says where the work stood.
import { getDb } from "../db/client.ts";

export async function diagnoseStalledPostings(receiptIds: string[]): Promise<Record<string, unknown>> {
  const db = getDb();
  const safe = async <T>(what: string, read: () => Promise<T>): Promise<T | string> => {
    try { return await read(); } catch (e) { return `${what} unreadable: ${(e as Error).message}`; }
  };
  const entries = await safe("entries", () => db.$queryRawUnsafe<{ status: string; n: number }[]>(
    `select status::text, count(*)::int as n from "JournalEntry" where "receiptId" = any($1::text[]) group by 1`, receiptIds));
  const jobs = await safe("jobs", () => db.$queryRawUnsafe<Record<string, unknown>[]>(`
    select j.name, j.state::text, count(*)::int as n, max(j.retry_count)::int as "maxRetries",
      to_char(min(j.heartbeat_on), 'HH24:MI:SS.MS') as "oldestHeartbeat", to_char(max(j.start_after), 'HH24:MI:SS.MS') as "latestStartAfter",
      to_char(min(j.started_on), 'HH24:MI:SS.MS') as "firstStarted", min(j.heartbeat_seconds)::int as "heartbeatSeconds",
      left(max(j.output::text), 300) as "lastOutput"
    from pgboss.job j join "JournalEntry" e on e.id = j.data->'data'->>'journalEntryId'
    where e."receiptId" = any($1::text[]) group by 1, 2 order by 1, 2`, receiptIds));
  const queues = await safe("queues", () => db.$queryRawUnsafe<Record<string, unknown>[]>(`
    select name, to_char(monitor_on, 'HH24:MI:SS.MS') as "monitorOn", to_char(monitor_claim_on, 'HH24:MI:SS.MS') as "monitorClaimOn",
      to_char(now(), 'HH24:MI:SS.MS') as "now" from pgboss.queue where name like 'erp.post%'`));
  const sessions = await safe("sessions", () => db.$queryRawUnsafe<Record<string, unknown>[]>(`
    select pid, application_name as app, state, wait_event_type as "waitType", wait_event as "wait",
      to_char(xact_start, 'HH24:MI:SS') as "xactStart", left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query
    from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`));
  const waitingLocks = await safe("locks", () => db.$queryRawUnsafe<Record<string, unknown>[]>(`
    select pid, locktype, mode, objid::text from pg_locks where not granted`));
  const circuits = await safe("circuits", () => db.$queryRawUnsafe<Record<string, unknown>[]>(`select name, state from "ErpCircuit"`));
  return { entries, jobs, queues, sessions, waitingLocks, circuits };
}
