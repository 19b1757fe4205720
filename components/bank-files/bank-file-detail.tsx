"use client";
// One file in detail: each statement with its balances and checks (closing = opening + lines; the file's own
// control totals), how many lines were new vs already known from an overlapping statement, what was created,
// and the exception cases its ingestion opened (continuity, returns, notifications of change).
import { useQuery } from "@tanstack/react-query";
import { formatMoney } from "@/components/format.ts";
import { StateChip } from "@/components/state-chip.tsx";
import { apiFetch, errorText } from "@/components/ui/api-fetch.ts";
import type { BankFileDetail as Detail } from "./types.ts";

const CHECK_TONE: Record<string, string> = { ok: "ok", mismatch: "bad", pending: "warn" };

function Check({ value }: { value: string }) {
  return <span className={`chip ${CHECK_TONE[value] ?? ""}`}>{value.replace("_", " ")}</span>;
}

export function BankFileDetail({ id }: { id: string }) {
  const q = useQuery({
    queryKey: ["bank-file", id],
    queryFn: () => apiFetch<Detail>(`/api/v1/bank-statements/${encodeURIComponent(id)}`),
    refetchInterval: (query) => (query.state.data && ["PROCESSED", "QUARANTINED"].includes(query.state.data.status) ? false : 1000),
  });
  if (q.error) return <div className="error" role="alert">{errorText(q.error)}</div>;
  if (!q.data) return <div className="empty" aria-busy="true">Loading the file…</div>;
  const d = q.data;
  return (
    <section data-testid="bank-file-detail" aria-label={`Bank file ${d.filename ?? d.id}`}>
      <h2>{d.filename ?? d.id} <StateChip value={d.status} /></h2>
      <p className="muted mono">SHA-256 {d.sha256} · {d.format ?? (d.status === "QUARANTINED" ? "format not recognised" : "format not yet known")} · {d.contentType ?? "no content type"}</p>
      {d.error && <div className="error wrap" role="alert" data-testid="detail-error">{d.error}</div>}
      <div className="cards" data-testid="bank-file-counts">
        <div className="card"><div className="label">Lines in the file</div><div className="value">{d.counts.lines.toLocaleString("en")}</div></div>
        <div className="card"><div className="label">New lines stored</div><div className="value">{d.counts.newLines.toLocaleString("en")}</div><div className="sub">the rest were already known</div></div>
        <div className="card"><div className="label">Receipts created</div><div className="value">{d.counts.receipts.toLocaleString("en")}</div></div>
        <div className="card"><div className="label">Receipts returned</div><div className="value">{d.counts.returned.toLocaleString("en")}</div></div>
      </div>
      {d.statementDetails.length > 0 && (
        <table className="grid" data-testid="bank-file-statements">
          <thead>
            <tr><th>Statement</th><th>Account</th><th>Format</th><th className="num">Opening</th><th className="num">Closing</th><th>Balance check</th><th>Control totals</th><th className="num">Lines</th><th className="num">New</th></tr>
          </thead>
          <tbody>
            {d.statementDetails.map((s) => (
              <tr key={s.id}>
                <td className="mono">{s.ref}</td>
                <td>{s.account.name} <span className="muted mono">{s.account.number}</span></td>
                <td>{s.format}</td>
                <td className="num">{s.opening ? `${formatMoney(s.opening.amount, s.account.currency)} ${s.opening.date ?? ""}` : "—"}</td>
                <td className="num">{s.closing ? `${formatMoney(s.closing.amount, s.account.currency)} ${s.closing.date ?? ""}` : "—"}</td>
                <td><Check value={s.balanceCheck} />{s.balanceDifference && <span className="mono"> off by {formatMoney(s.balanceDifference, s.account.currency)}</span>}</td>
                <td><Check value={s.controlTotals} /></td>
                <td className="num">{s.entryCount}</td>
                <td className="num">{s.newEntryCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {d.statementDetails.some((s) => s.warnings.length > 0) && (
        <div className="warn" role="status" data-testid="bank-file-warnings">
          <strong>Read leniently: the file has quirks a strict reader refuses</strong>
          <ul>
            {d.statementDetails.flatMap((s) => s.warnings.map((w) => <li key={`${s.id}:${w}`}><span className="mono">{s.ref}</span>: {w}</li>))}
          </ul>
        </div>
      )}
      <h2>Exceptions opened</h2>
      {d.exceptions.length === 0 ? (
        <div className="empty" data-testid="bank-file-no-exceptions">None.</div>
      ) : (
        <table className="grid" data-testid="bank-file-exceptions">
          <thead><tr><th>Code</th><th>Priority</th><th>Status</th><th className="num">Amount</th><th>Why</th></tr></thead>
          <tbody>
            {d.exceptions.map((c) => (
              <tr key={c.id}>
                <td><a href={`/exceptions/${c.id}`}>{c.code.replaceAll("_", " ").toLowerCase()}</a></td>
                <td>{c.priority.toLowerCase()}</td>
                <td><StateChip value={c.status} /></td>
                <td className="num">{c.amount && c.currency ? formatMoney(c.amount, c.currency) : "—"}</td>
                <td className="wrap">{c.reasons.join(" · ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
