"use client";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { ConnectorHealth } from "@/lib/connectors/get-connector-health.ts";
import type { DeadLetter } from "@/lib/connectors/list-dead-letters.ts";
import { formatCount, formatSeconds, formatUtc } from "../format.ts";
import { Empty, LiveStatus, Loading } from "../live/live-status.tsx";
import { fetchJson, useLiveQuery, type Initial } from "../live/use-live-query.ts";
import { StateChip } from "../state-chip.tsx";
import { ErpSyncButton } from "./erp-sync-button.tsx";

type Health = { asOf: string; connectors: ConnectorHealth[] };
type DeadLetters = { available: boolean; total: number; byQueue: { queue: string; count: number }[]; items: DeadLetter[] };
type Runs = { items: { id: string; connector: string; status: string; startedAt: string; finishedAt: string | null; itemsIn: number; itemsOut: number; error: string | null }[] };

const TONE: Record<ConnectorHealth["status"], string> = { healthy: "ok", degraded: "warn", stale: "warn", failing: "bad", running: "" };

export function ConnectorsView({ initialHealth, initialDead, initialRuns }: { initialHealth: Initial<Health>; initialDead: Initial<DeadLetters>; initialRuns: Initial<Runs> }) {
  const health = useLiveQuery<Health>("/api/v1/connectors/health", {}, initialHealth);
  const dead = useLiveQuery<DeadLetters>("/api/v1/connectors/dead-letters", {}, initialDead);
  const runs = useLiveQuery<Runs>("/api/v1/connector-runs", { limit: 20 }, initialRuns);
  const all = [health, dead, runs];
  return (
    <>
      <div className="page-head">
        <h1>Connectors</h1>
        <ErpSyncButton />
        <LiveStatus updatedAt={Math.min(...all.map((q) => q.dataUpdatedAt))} fetching={all.some((q) => q.isFetching)} error={all.find((q) => q.error)?.error ?? null} />
      </div>
      <section className="panel" aria-labelledby="h-health">
        <div className="panel-head">
          <h2 id="h-health">Health</h2>
          <span className="muted">Lag = now − end of the last successful run. Stale after 30 h for bank files, 6 h for the rest.</span>
        </div>
        {!health.data ? <Loading what="connector health" /> : health.data.connectors.length === 0 ? <Empty>No connector has run yet.</Empty> : (
          <div className="scroll-x">
          <table className="grid" data-testid="connector-health">
            <thead><tr><th scope="col">Connector</th><th scope="col">Status</th><th scope="col">Last run (UTC)</th><th scope="col">Last success (UTC)</th><th scope="col" className="num">Lag</th>
              <th scope="col" className="num">Runs 24 h</th><th scope="col" className="num">Failed 24 h</th><th scope="col" className="num">Items 24 h</th><th scope="col">Last error</th></tr></thead>
            <tbody>{health.data.connectors.map((c) => (
              <tr key={c.connector} data-testid={`connector-${c.connector}`}>
                <th scope="row" className="mono" style={{ fontWeight: 500 }}>{c.connector}</th>
                <td><span className={`chip ${TONE[c.status]}`}>{c.status}</span></td>
                <td>{formatUtc(c.lastRunAt, false, false)} <StateChip value={c.lastRunStatus} /></td>
                <td>{c.lastSuccessAt ? formatUtc(c.lastSuccessAt, false, false) : <span className="overdue">never</span>}</td>
                <td className="num">{formatSeconds(c.lagSeconds)}</td>
                <td className="num">{formatCount(c.runs24h)}</td>
                <td className="num">{c.failures24h ? <span className="overdue">{formatCount(c.failures24h)}</span> : 0}</td>
                <td className="num">{formatCount(c.itemsIn24h)}</td>
                <td className="wrap" style={{ minWidth: 180 }}>{c.lastRunError ?? ""}</td>
              </tr>
            ))}</tbody>
          </table>
          </div>
        )}
      </section>
      <DeadLetterPanel q={dead} />
      <section className="panel" aria-labelledby="h-runs">
        <h2 id="h-runs">Recent runs</h2>
        {!runs.data ? <Loading what="runs" /> : runs.data.items.length === 0 ? <Empty>No connector has run yet.</Empty> : (
          <table className="grid" data-testid="connector-runs">
            <thead><tr><th scope="col">Connector</th><th scope="col">Status</th><th scope="col">Started (UTC)</th><th scope="col">Finished (UTC)</th><th scope="col" className="num">In</th><th scope="col" className="num">Out</th><th scope="col">Error</th></tr></thead>
            <tbody>{runs.data.items.map((r) => (
              <tr key={r.id}><td className="mono">{r.connector}</td><td><StateChip value={r.status} /></td><td>{formatUtc(r.startedAt, true, false)}</td>
                <td>{r.finishedAt ? formatUtc(r.finishedAt, true, false) : "running"}</td><td className="num">{r.itemsIn}</td><td className="num">{r.itemsOut}</td><td className="wrap">{r.error ?? ""}</td></tr>
            ))}</tbody>
          </table>
        )}
      </section>
    </>
  );
}

function DeadLetterPanel({ q }: { q: ReturnType<typeof useLiveQuery<DeadLetters>> }) {
  const client = useQueryClient();
  const [outcome, setOutcome] = useState<Record<string, { ok: boolean; text: string }>>({});
  const [busy, setBusy] = useState<string | null>(null);
  async function replay(d: DeadLetter) {
    setBusy(d.id);
    try {
      const r = await fetchJson<{ status: string; requeued: number }>("/api/v1/replays", { method: "POST", body: JSON.stringify({ kind: "job", queue: d.deadQueue, jobId: d.id }) });
      setOutcome((o) => ({ ...o, [d.id]: { ok: true, text: r.status === "already_replayed" ? "already replayed" : `replayed (${r.requeued} queued)` } }));
      await client.invalidateQueries({ queryKey: ["/api/v1/connectors/dead-letters"] });
    } catch (err) {
      setOutcome((o) => ({ ...o, [d.id]: { ok: false, text: err instanceof Error ? err.message : String(err) } }));
    } finally {
      setBusy(null);
    }
  }
  const data = q.data;
  return (
    <section className="panel" aria-labelledby="h-dead">
      <div className="panel-head">
        <h2 id="h-dead">Dead-lettered jobs {data ? <span className={`chip ${data.total ? "bad" : "ok"}`}>{formatCount(data.total)}</span> : null}</h2>
        {data && data.byQueue.length > 0 && <span className="muted">{data.byQueue.map((b) => `${b.queue}: ${b.count}`).join(" · ")}</span>}
      </div>
      {!data ? <Loading what="dead letters" /> : !data.available ? <Empty>The job store has not been created yet (no worker has started).</Empty> : data.items.length === 0 ? <Empty>No dead-lettered jobs: every job finished or is still being retried.</Empty> : (
        <div className="scroll-x">
          <table className="grid" data-testid="dead-letters">
            <thead><tr><th scope="col">Dead since</th><th scope="col">Queue</th><th scope="col">Job</th><th scope="col">Payload</th><th scope="col">Error</th><th scope="col" className="num">Retries</th><th scope="col"><span className="sr-only">Action</span></th></tr></thead>
            <tbody>{data.items.map((d) => (
              <tr key={d.id} data-testid={`dead-${d.id}`}>
                <td>{formatUtc(d.deadAt, true)}</td><td className="mono">{d.queue}</td>
                <td className="mono" title={`dead-letter job ${d.id}; original ${d.originalJobId ?? "unknown"}; correlation ${d.correlationId ?? "none"}`}>{(d.originalJobId ?? d.id).slice(0, 8)}<span className="sub">{d.correlationId ?? ""}</span></td>
                <td className="mono wrap" style={{ maxWidth: 360 }}>{d.payloadSummary}</td>
                <td className="wrap error-text" style={{ maxWidth: 360 }}>{d.error ?? "—"}</td>
                <td className="num">{d.retryCount ?? "—"}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => replay(d)} disabled={busy === d.id} aria-label={`Replay ${d.queue} job ${(d.originalJobId ?? d.id).slice(0, 8)}`}>
                    {busy === d.id ? "Replaying…" : "Replay"}
                  </button>
                  {outcome[d.id] && <span className={`sub ${outcome[d.id]!.ok ? "" : "error-text"}`} role="status">{outcome[d.id]!.text}</span>}
                </td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
