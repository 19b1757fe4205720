"use client";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { CloseReadiness, EntityChecklist } from "@/lib/close/get-close-checklist.ts";
import { formatCount, formatMoney, formatUtc } from "../format.ts";
import { LiveStatus, Loading } from "../live/live-status.tsx";
import { fetchJson, replaceSearch, useLiveQuery, type Initial } from "../live/use-live-query.ts";
import { PeriodLockPanel } from "./period-lock-panel.tsx";

export function CloseView({ initial, initialPeriod, currentPeriod, minJustification, canSign, userId }: {
  initial: Initial<CloseReadiness>; initialPeriod: string; currentPeriod: string; minJustification: number; canSign: boolean; userId: string;
}) {
  const [period, setPeriod] = useState(initialPeriod);
  const params = { period: period === currentPeriod ? undefined : period };
  useEffect(() => replaceSearch(params), [period]); // eslint-disable-line react-hooks/exhaustive-deps
  const q = useLiveQuery<CloseReadiness>("/api/v1/close/readiness", params, initial);
  const data = q.data;
  return (
    <>
      <div className="page-head">
        <h1>Close readiness</h1>
        <LiveStatus updatedAt={q.dataUpdatedAt} fetching={q.isFetching} error={q.error} />
      </div>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="Period">
        <label>Period
          <input type="month" value={period} max={currentPeriod} required onChange={(e) => e.target.value && setPeriod(e.target.value)} />
        </label>
        {data && <span className="muted">{data.from} – {data.to} (UTC)</span>}
      </form>
      <p className="note">
        Computed live. Receipts and bank lines belong to the month by value date, exception cases and postings by the day they were created,
        statements by closing date (late arrivals for a locked month count in the next open one). Any check with items blocks the sign-off:
        to close over it, the preparer writes down why and a second controller or admin overrides it with a reason of their own. A signed-off
        month is locked: nothing dated in it can change until two people reopen it.
      </p>
      {!data ? (q.isError ? <div className="error" role="alert">Could not load the checklist: {q.error?.message}</div> : <Loading what="the checklist" />) : (
        <div className={q.isPlaceholderData ? "busy-fade" : ""} aria-busy={q.isPlaceholderData}>
          {data.entities.length === 0 && <div className="empty">No legal entities are set up yet.</div>}
          {data.entities.map((e) => <EntityPanel key={`${e.entity}-${data.period}`} e={e} period={data.period} minJustification={minJustification} canSign={canSign} userId={userId} />)}
        </div>
      )}
    </>
  );
}

function StatusChip({ e }: { e: EntityChecklist }) {
  if (e.signOff?.status === "PREPARED") return <span className="chip warn">prepared — needs a second signature</span>;
  if (e.signOff) return <span className={`chip ${e.signOff.justification ? "warn" : "ok"}`}>signed off{e.signOff.justification ? " with justification" : ""} · locked</span>;
  return <span className={`chip ${e.blocking ? "bad" : "ok"}`}>{e.blocking ? `${e.blocking} blocking` : "ready to sign off"}</span>;
}

function EntityPanel({ e, period, minJustification, canSign, userId }: { e: EntityChecklist; period: string; minJustification: number; canSign: boolean; userId: string }) {
  return (
    <section className="panel" data-testid={`close-${e.entity}`} aria-labelledby={`close-h-${e.entity}`}>
      <div className="panel-head">
        <h2 id={`close-h-${e.entity}`} className="entity-title">{e.entity} — {e.name} <StatusChip e={e} /></h2>
      </div>
      <table className="grid">
        <thead><tr><th scope="col">Check</th><th scope="col" className="num">Items</th><th scope="col" className="num">Amounts</th><th scope="col"><span className="sr-only">Link</span></th></tr></thead>
        <tbody>
          {e.items.map((i) => (
            <tr key={i.key} data-testid={`check-${i.key}`}>
              <th scope="row" style={{ fontWeight: 500 }}>{i.label}</th>
              <td className="num" data-testid="count">{formatCount(i.count)}</td>
              <td className="num">{i.amounts.map((a) => formatMoney(a.amount, a.currency)).join(" · ") || "—"}</td>
              <td>{i.count > 0 ? <Link href={i.href}>open items<span className="sr-only"> for {i.label}</span></Link> : <span className="chip ok">clear</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {e.signOff ? <SignedOff e={e} /> : canSign ? <SignOffForm e={e} period={period} minJustification={minJustification} /> : null}
      {e.signOff && canSign && <PeriodLockPanel e={e} period={period} userId={userId} minJustification={minJustification} />}
    </section>
  );
}

function SignedOff({ e }: { e: EntityChecklist }) {
  const s = e.signOff!;
  return (
    <div className={`signoff ${s.justification ? "justified" : ""}`} data-testid={`signoff-${e.entity}`}>
      <div><strong>{s.status === "PREPARED" ? "Prepared" : "Signed off"} by {s.signedBy}</strong> at {formatUtc(s.signedAt, true)}{s.approvedBy ? `, approved by ${s.approvedBy}` : ""}.</div>
      {s.justification && <div>Justification: “{s.justification}”</div>}
      {s.blockersSnapshot.length > 0 ? (
        <div>
          Blocking when signed:{" "}
          {s.blockersSnapshot.map((b) => `${b.label} (${formatCount(b.count)}${b.amounts.length ? `; ${b.amounts.map((a) => formatMoney(a.amount, a.currency)).join(", ")}` : ""})`).join(" · ")}
        </div>
      ) : <div>Nothing blocked at sign-off.</div>}
    </div>
  );
}

function SignOffForm({ e, period, minJustification }: { e: EntityChecklist; period: string; minJustification: number }) {
  const id = useId();
  const client = useQueryClient();
  const [justification, setJustification] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needed = e.blocking > 0;
  const length = justification.trim().length;
  async function submit(ev: React.FormEvent) {
    ev.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await fetchJson("/api/v1/close/sign-offs", { method: "POST", body: JSON.stringify({ entity: e.entity, period, justification: justification.trim() || undefined }) });
      await client.invalidateQueries({ queryKey: ["/api/v1/close/readiness"] });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="signoff-form" onSubmit={submit} aria-describedby={`${id}-help`} data-testid={`signoff-form-${e.entity}`}>
      <label htmlFor={`${id}-j`} style={{ color: "var(--ink)" }}>
        Justification {needed ? `(required while ${e.blocking} check${e.blocking === 1 ? "" : "s"} block: at least ${minJustification} characters)` : "(optional)"}
      </label>
      <textarea id={`${id}-j`} name="justification" value={justification} onChange={(x) => setJustification(x.target.value)} maxLength={2000}
        aria-invalid={!!error} aria-describedby={`${id}-help${error ? ` ${id}-err` : ""}`} />
      <div id={`${id}-help`} className="muted" style={{ fontSize: 12 }}>
        {needed ? `${length} / ${minJustification} characters. Explain why ${e.entity} may close ${period} with these items open: a second person must then approve.`
          : e.twoLevelSignOff ? `Every check is clear. ${e.entity} wants two signatures: a second person locks it.` : `Every check is clear: ${e.entity} ${period} may be signed off.`}
      </div>
      {error && <div id={`${id}-err`} className="form-error" role="alert">{error}</div>}
      <div><button type="submit" disabled={busy}>{busy ? "Signing off…" : `Sign off ${e.entity} ${period}`}</button></div>
    </form>
  );
}
