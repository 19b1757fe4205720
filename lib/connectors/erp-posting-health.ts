// The ERP posting connector does not write ConnectorRun rows for each posting (the posting job runs per journal
// entry, every few seconds), so its health is read from the postings themselves: the last journal entry the ERP
// acknowledged is its last success, the last entry that failed since is its last failure. Without this the
// Connectors page said "failing, last success never" while postings landed every 20 s.
import { db } from "../db/client.ts";
import { connectorStatus, type ConnectorHealth } from "./get-connector-health.ts";

export const ERP_POSTING_CONNECTOR = "erp.posting";

export type PostingFacts = { lastPostedAt: Date | null; posted24h: number; failed24h: number; lastFailedAt: Date | null; lastError: string | null };

export async function readPostingFacts(now: Date): Promise<PostingFacts> {
  const since = new Date(now.getTime() - 86_400_000);
  const [r] = await db.$queryRaw<{ lastPostedAt: Date | null; posted: bigint; failed: bigint; lastFailedAt: Date | null; lastError: string | null }[]>`
    select (select max("postedAt") from "JournalEntry" where status = 'POSTED') as "lastPostedAt",
           (select count(*) from "JournalEntry" where status = 'POSTED' and "postedAt" >= ${since})::bigint as posted,
           (select count(*) from "JournalEntry" where status = 'FAILED' and "createdAt" >= ${since})::bigint as failed,
           f."createdAt" as "lastFailedAt", f."lastError"
      from (select 1) one
      left join lateral (select "createdAt", "lastError" from "JournalEntry" where status = 'FAILED' order by "createdAt" desc limit 1) f on true`;
  return { lastPostedAt: r?.lastPostedAt ?? null, posted24h: Number(r?.posted ?? 0), failed24h: Number(r?.failed ?? 0), lastFailedAt: r?.lastFailedAt ?? null, lastError: r?.lastError ?? null };
}

/**
 * Pure: the erp.posting row with what the postings say. A posting acknowledged after the last recorded run is a
 * successful run of its own (and the most recent one); without any run row, a row is made from the postings.
 */
export function withPostingFacts(row: ConnectorHealth | undefined, f: PostingFacts, now: Date, staleAfterSeconds: number): ConnectorHealth | undefined {
  if (!f.lastPostedAt && !row) return undefined;
  const base: ConnectorHealth = row ?? {
    connector: ERP_POSTING_CONNECTOR, status: "stale", lastRunAt: f.lastPostedAt!.toISOString(), lastRunStatus: "SUCCEEDED", lastRunFinishedAt: f.lastPostedAt!.toISOString(),
    lastRunError: null, lastSuccessAt: null, lagSeconds: null, staleAfterSeconds, runs24h: 0, failures24h: 0, itemsIn24h: 0,
  };
  if (!f.lastPostedAt || (base.lastSuccessAt && new Date(base.lastSuccessAt) >= f.lastPostedAt)) return base;
  const posted = f.lastPostedAt.toISOString();
  const lastRunIsPosting = f.lastPostedAt >= new Date(base.lastRunAt);
  const lagSeconds = Math.max(0, Math.round((now.getTime() - f.lastPostedAt.getTime()) / 1000));
  const failures24h = base.failures24h + f.failed24h;
  const lastFailed = f.lastFailedAt !== null && f.lastFailedAt > f.lastPostedAt;
  const next: ConnectorHealth = {
    ...base,
    lastSuccessAt: posted, lagSeconds,
    runs24h: base.runs24h + f.posted24h + f.failed24h, failures24h, itemsIn24h: base.itemsIn24h + f.posted24h + f.failed24h,
    ...(lastRunIsPosting ? { lastRunAt: posted, lastRunStatus: lastFailed ? "FAILED" : "SUCCEEDED", lastRunFinishedAt: posted, lastRunError: lastFailed ? f.lastError : null } : {}),
  };
  next.status = connectorStatus({ lastRunStatus: next.lastRunStatus, lastRunFinished: next.lastRunFinishedAt !== null, lagSeconds, staleAfterSeconds, failures24h });
  return next;
}
