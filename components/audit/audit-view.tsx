"use client";
import { useEffect, useState } from "react";
import { formatCount, formatUtc } from "../format.ts";
import { Empty, LiveStatus, Loading } from "../live/live-status.tsx";
import { replaceSearch, useLiveQuery, type Initial } from "../live/use-live-query.ts";

export type AuditFilters = { q?: string; actor?: string; action?: string; targetType?: string; targetId?: string; from?: string; to?: string; offset?: number; limit?: number };
type AuditPage = {
  total: number; totalCapped: boolean;
  items: { id: string; at: string; actorType: string; actor: string | null; action: string; targetType: string | null; targetId: string | null; details: unknown; ip: string | null }[];
};

const FIELDS: { key: keyof AuditFilters; label: string; type?: string; placeholder?: string }[] = [
  { key: "actor", label: "Actor", placeholder: "e-mail or id" },
  { key: "action", label: "Action prefix", placeholder: "e.g. close. or exception." },
  { key: "targetType", label: "Target type", placeholder: "e.g. Receipt" },
  { key: "targetId", label: "Target id" },
  { key: "from", label: "From (UTC)", type: "date" },
  { key: "to", label: "To (UTC)", type: "date" },
  { key: "q", label: "Any text", placeholder: "actor, action or target id" },
];

export function AuditView({ initial, initialFilters }: { initial: Initial<AuditPage>; initialFilters: AuditFilters }) {
  const [applied, setApplied] = useState<AuditFilters>(initialFilters);
  const [draft, setDraft] = useState<AuditFilters>(initialFilters);
  const limit = applied.limit ?? 50;
  const offset = applied.offset ?? 0;
  const params = { ...applied, offset: offset || undefined, limit: limit === 50 ? undefined : limit };
  useEffect(() => replaceSearch(params), [JSON.stringify(params)]); // eslint-disable-line react-hooks/exhaustive-deps
  const q = useLiveQuery<AuditPage>("/api/v1/audit-log", params, initial);
  const data = q.data;
  const filtered = FIELDS.some((f) => applied[f.key]);
  return (
    <>
      <div className="page-head">
        <h1>Audit log</h1>
        <LiveStatus updatedAt={q.dataUpdatedAt} fetching={q.isFetching} error={q.error} />
      </div>
      <form className="toolbar" aria-label="Search the audit log" onSubmit={(e) => { e.preventDefault(); setApplied({ ...draft, offset: 0 }); }}>
        {FIELDS.map((f) => (
          <label key={f.key}>{f.label}
            <input name={f.key} type={f.type ?? "text"} value={(draft[f.key] as string | undefined) ?? ""} placeholder={f.placeholder}
              onChange={(e) => setDraft((d) => ({ ...d, [f.key]: e.target.value || undefined }))} style={f.type ? undefined : { width: 150 }} />
          </label>
        ))}
        <button type="submit">Search</button>
        {filtered && <button type="button" className="secondary" onClick={() => { setDraft({}); setApplied({}); }}>Clear</button>}
      </form>
      <p className="note">Every human action (sign-ins, decisions on exceptions, sign-offs, keys) and every ERP posting, newest first. Times in UTC.</p>
      {!data ? (q.isError ? <div className="error" role="alert">Could not load the audit log: {q.error?.message}</div> : <Loading what="the audit log" />) : (
        <div className={q.isPlaceholderData ? "busy-fade" : ""} aria-busy={q.isPlaceholderData}>
          {data.items.length === 0 ? <Empty>{filtered ? "No entries match this search." : "Nothing has been audited yet."}</Empty> : (
            <div className="scroll-x">
              <table className="grid" data-testid="audit-table">
                <thead><tr><th scope="col">When (UTC)</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Details</th><th scope="col">IP</th></tr></thead>
                <tbody>{data.items.map((a) => (
                  <tr key={a.id}>
                    <td>{formatUtc(a.at, true, false)}</td>
                    <td>{a.actor ?? a.actorType}<span className="sub">{a.actorType}</span></td>
                    <td className="mono">{a.action}</td>
                    <td>{a.targetType ? <>{a.targetType}<span className="sub mono">{a.targetId ?? ""}</span></> : "—"}</td>
                    <td className="wrap" style={{ maxWidth: 480, fontSize: 12 }} title={JSON.stringify(a.details)}>{summariseDetails(a.details)}</td>
                    <td className="mono">{a.ip ?? ""}</td>
                  </tr>
                ))}</tbody>
              </table>
            </div>
          )}
          <nav className="pager" aria-label="Pages">
            <button type="button" className="secondary" disabled={offset === 0} onClick={() => setApplied((a) => ({ ...a, offset: Math.max(0, offset - limit) }))}>← Newer</button>
            <span className="muted">
              {data.items.length ? `${formatCount(offset + 1)}–${formatCount(offset + data.items.length)}` : "0"} of {formatCount(data.total)}{data.totalCapped ? "+" : ""} entries
            </span>
            <button type="button" className="secondary" disabled={offset + data.items.length >= data.total && !data.totalCapped || data.items.length < limit}
              onClick={() => setApplied((a) => ({ ...a, offset: offset + limit }))}>Older →</button>
          </nav>
        </div>
      )}
    </>
  );
}

/** One readable line per entry ("entity=US01 · period=2026-11 · blockers=7 items"); the full JSON is the cell's title. */
export function summariseDetails(details: unknown): string {
  if (!details || typeof details !== "object") return details === undefined || details === null ? "" : String(details);
  const parts = Object.entries(details as Record<string, unknown>).map(([k, v]) => {
    if (Array.isArray(v)) return `${k}=${v.length} item${v.length === 1 ? "" : "s"}`;
    if (v && typeof v === "object") return `${k}={…}`;
    return `${k}=${typeof v === "string" && v.length > 60 ? `“${v.slice(0, 57)}…”` : String(v)}`;
  });
  const line = parts.join(" · ");
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
