// One poster per journal entry at a time, across workers. pg-boss cannot stop a handler that runs past its job's
// expireInSeconds: it fails the job and hands the retry to another worker while the first handler is still talking
// to the ERP. For ERPs without idempotency keys (SAP's synchronous Journal Entry – Post, Business Central: look up
// by our number, then post) two such posters both find nothing and both post — one receipt booked twice, seen on a
// full-size bench:pipeline against a CPU-bound SAP simulator. So a batch first takes a session-level advisory lock
// per entry on one dedicated connection and keeps it until its acknowledgements are recorded; an entry another
// poster holds is skipped (retried by pg-boss after its backoff, when it finds the entry POSTED). PostgreSQL drops
// session locks with their connection, so a SIGKILLed worker never leaves an entry locked.
import pg from "pg";
import { requireDatabaseUrl } from "../env.ts";
import { logger } from "../log/logger.ts";

export type PostingClaim = {
  /** The entries this batch may post; the rest are being posted by someone else right now. */
  held: Set<string>;
  /** False once the lock connection broke (its locks are gone with it): post nothing more. */
  intact(): boolean;
  release(): Promise<void>;
};

const g = globalThis as unknown as { cashlineClaimPool?: { url: string; pool: pg.Pool } };

/** Connections that hold locks while a batch talks to the ERP: one per batch in flight (2–3 per worker). */
function claimPool(): pg.Pool {
  const url = requireDatabaseUrl();
  if (!g.cashlineClaimPool || g.cashlineClaimPool.url !== url) {
    // A pool that cannot hand out a connection fails the batch after 15 s (pg-boss retries it, and the log says
    // why) instead of stalling the poster without a word.
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DB_CLAIM_POOL_MAX ?? 4), idleTimeoutMillis: 30_000, connectionTimeoutMillis: 15_000, application_name: "cashline-posting-claims" });
    pool.on("error", (err) => logger.warn("posting_claims.idle_client_error", { error: err.message }));
    g.cashlineClaimPool = { url, pool };
  }
  return g.cashlineClaimPool.pool;
}

export async function claimForPosting(entryIds: string[]): Promise<PostingClaim> {
  const client = await claimPool().connect();
  let broken: Error | null = null;
  const onError = (err: Error) => { broken = err; };
  client.on("error", onError);
  let held: Set<string>;
  try {
    const rows = await client.query<{ id: string; ok: boolean }>(
      "select id, pg_try_advisory_lock(hashtextextended('erp-post:' || id, 0)) as ok from unnest($1::text[]) as id", [entryIds]);
    held = new Set(rows.rows.filter((r) => r.ok).map((r) => r.id));
  } catch (err) {
    client.off("error", onError);
    client.release(err as Error);
    throw err;
  }
  let released = false;
  return {
    held,
    intact: () => broken === null,
    async release() {
      if (released) return;
      released = true;
      client.off("error", onError);
      if (broken) return client.release(broken); // the locks went with the connection
      // A checked-out pg client without an error listener turns a server shutdown during the unlock into an
      // unhandled 'error' event (seen once stopping the demo): a listener covers the unlock until the pool has it.
      const ignore = () => {};
      client.on("error", ignore);
      try {
        await client.query("select pg_advisory_unlock_all()");
        client.off("error", ignore);
        client.release();
      } catch (err) {
        client.off("error", ignore);
        client.release(err as Error); // destroyed: PostgreSQL drops its locks with it
      }
    },
  };
}
