// Health of every connector from its ConnectorRun rows: the last run, the last successful run, lag (now − the
// end of the last success), failures and runs in the last 24 hours, and a status a person can act on.
import { z } from "zod";
import { db } from "../db/client.ts";
import { ERP_POSTING_CONNECTOR, readPostingFacts, withPostingFacts } from "./erp-posting-health.ts";

export const CONNECTOR_STATUSES = ["healthy", "degraded", "stale", "failing", "running"] as const;
export type ConnectorStatus = (typeof CONNECTOR_STATUSES)[number];

/** How long without a success before a connector counts as stale; bank files arrive daily, the rest run often. */
export const STALE_AFTER_SECONDS: { prefix: string; seconds: number }[] = [
  { prefix: "bank.", seconds: 30 * 3600 },
  { prefix: "", seconds: 6 * 3600 },
];

const SUCCESS = ["SUCCEEDED", "SUCCESS", "OK", "COMPLETED"];

export const connectorHealthSchema = z.object({
  connector: z.string(),
  status: z.enum(CONNECTOR_STATUSES),
  lastRunAt: z.string(),
  lastRunStatus: z.string(),
  lastRunFinishedAt: z.string().nullable(),
  lastRunError: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lagSeconds: z.number().int().nullable().describe("now − end of the last successful run; null if it never succeeded"),
  staleAfterSeconds: z.number().int(),
  runs24h: z.number().int(),
  failures24h: z.number().int(),
  itemsIn24h: z.number().int(),
});
export const connectorHealthResponse = z.object({ asOf: z.string(), connectors: z.array(connectorHealthSchema) });
export type ConnectorHealth = z.infer<typeof connectorHealthSchema>;

export function staleAfter(connector: string): number {
  return STALE_AFTER_SECONDS.find((s) => connector.startsWith(s.prefix))!.seconds;
}

/** Pure: the status from the facts. A failed last run wins; then never/too-long without success; then recent failures. */
export function connectorStatus(f: { lastRunStatus: string; lastRunFinished: boolean; lagSeconds: number | null; staleAfterSeconds: number; failures24h: number }): ConnectorStatus {
  const last = f.lastRunStatus.toUpperCase();
  if (f.lastRunFinished && !SUCCESS.includes(last)) return "failing";
  if (f.lagSeconds === null || f.lagSeconds > f.staleAfterSeconds) return f.lastRunFinished ? "stale" : "running";
  if (!f.lastRunFinished) return "running";
  return f.failures24h > 0 ? "degraded" : "healthy";
}

export async function getConnectorHealth(now = new Date()) {
  const since = new Date(now.getTime() - 86_400_000);
  // Distinct connectors by a loose index scan over (connector, startedAt): one probe per connector, not a scan.
  const rows = await db.$queryRaw<{
    connector: string; status: string; startedAt: Date; finishedAt: Date | null; error: string | null;
    lastSuccessAt: Date | null; runs: bigint; failures: bigint; itemsIn: bigint | null;
  }[]>`
    with recursive names as (
      (select connector from "ConnectorRun" order by connector limit 1)
      union all
      select (select connector from "ConnectorRun" where connector > n.connector order by connector limit 1) from names n where n.connector is not null)
    select n.connector, last.status, last."startedAt", last."finishedAt", last.error, ok."lastSuccessAt",
           coalesce(recent.runs, 0)::bigint as runs, coalesce(recent.failures, 0)::bigint as failures, recent."itemsIn"
      from names n
      join lateral (select status, "startedAt", "finishedAt", error from "ConnectorRun" where connector = n.connector order by "startedAt" desc limit 1) last on true
      left join lateral (select coalesce("finishedAt", "startedAt") as "lastSuccessAt" from "ConnectorRun"
                          where connector = n.connector and upper(status) in (${SUCCESS[0]}, ${SUCCESS[1]}, ${SUCCESS[2]}, ${SUCCESS[3]})
                          order by "startedAt" desc limit 1) ok on true
      left join lateral (select count(*) as runs, count(*) filter (where upper(status) not in (${SUCCESS[0]}, ${SUCCESS[1]}, ${SUCCESS[2]}, ${SUCCESS[3]}) and "finishedAt" is not null) as failures,
                                sum("itemsIn") as "itemsIn"
                           from "ConnectorRun" where connector = n.connector and "startedAt" >= ${since}) recent on true
     where n.connector is not null
     order by n.connector`;
  const connectors: ConnectorHealth[] = rows.map((r) => {
      const lagSeconds = r.lastSuccessAt ? Math.max(0, Math.round((now.getTime() - r.lastSuccessAt.getTime()) / 1000)) : null;
      const staleAfterSeconds = staleAfter(r.connector);
      const failures24h = Number(r.failures);
      return {
        connector: r.connector,
        status: connectorStatus({ lastRunStatus: r.status, lastRunFinished: r.finishedAt !== null, lagSeconds, staleAfterSeconds, failures24h }),
        lastRunAt: r.startedAt.toISOString(),
        lastRunStatus: r.status,
        lastRunFinishedAt: r.finishedAt?.toISOString() ?? null,
        lastRunError: r.error,
        lastSuccessAt: r.lastSuccessAt?.toISOString() ?? null,
        lagSeconds,
        staleAfterSeconds,
        runs24h: Number(r.runs),
        failures24h,
        itemsIn24h: Number(r.itemsIn ?? 0),
      };
    });
  // erp.posting: the postings themselves are its runs (see erp-posting-health.ts).
  const erp = withPostingFacts(connectors.find((c) => c.connector === ERP_POSTING_CONNECTOR), await readPostingFacts(now), now, staleAfter(ERP_POSTING_CONNECTOR));
  const merged = connectors.filter((c) => c.connector !== ERP_POSTING_CONNECTOR).concat(erp ? [erp] : []).sort((a, b) => a.connector.localeCompare(b.connector));
  return { asOf: now.toISOString(), connectors: merged };
}
