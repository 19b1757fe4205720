"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

type Subscriber = { id: string; name: string; url: string; eventTypes: string[]; active: boolean; secretRotatedAt: string | null; pending: number; delivered: number; dead: number };
type Delivery = { id: string; eventId: string; eventType: string; orderingKey: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; deliveredAt: string | null };

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error((await res.json().catch(() => ({}))).detail ?? `HTTP ${res.status}`);
  return res.json();
}

async function send(url: string, method: string, body?: unknown): Promise<{ ok: boolean; body: Record<string, unknown> }> {
  const res = await fetch(url, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
  return { ok: res.ok, body: await res.json().catch(() => ({})) };
}

export function WebhookSubscribers({ initial, eventTypes: allTypes }: { initial: Subscriber[]; eventTypes: readonly string[] }) {
  const qc = useQueryClient();
  const subs = useQuery({ queryKey: ["subscribers"], queryFn: () => getJson<{ items: Subscriber[] }>("/api/v1/webhook-subscribers"), initialData: { items: initial }, refetchInterval: 5000 });
  const [selected, setSelected] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Pause/resume, delete, test, rotate: each answers problem+json on failure, shown in the alert.
  async function act(s: Subscriber, kind: "toggle" | "delete" | "test" | "rotate") {
    if (kind === "delete" && !window.confirm(`Delete subscriber ${s.name}? Pending deliveries are closed.`)) return;
    if (kind === "rotate" && !window.confirm(`Rotate the signing secret of ${s.name}? The old secret stops working at once.`)) return;
    const base = `/api/v1/webhook-subscribers/${s.id}`;
    const r = kind === "toggle" ? await send(base, "PATCH", { active: !s.active })
      : kind === "delete" ? await send(base, "DELETE")
      : await send(`${base}/${kind === "test" ? "test" : "rotate-secret"}`, "POST");
    if (!r.ok) return setError(String(r.body.detail ?? "request failed"));
    setError(null);
    if (kind === "rotate") setSecret(String(r.body.secret));
    if (kind === "test") setNotice(r.body.ok ? `Test ping to ${s.name}: answered ${r.body.status}` : `Test ping to ${s.name} failed: ${r.body.error}${r.body.status ? ` (${r.body.status})` : ""}`);
    if (kind === "delete" && selected === s.id) setSelected(null);
    await qc.invalidateQueries({ queryKey: ["subscribers"] });
  }
  const log = useQuery({ queryKey: ["deliveries", selected], enabled: !!selected, queryFn: () => getJson<{ items: Delivery[] }>(`/api/v1/webhook-subscribers/${selected}/deliveries`), refetchInterval: 3000 });

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const eventTypes = f.getAll("eventTypes").map(String);
    const res = await fetch("/api/v1/webhook-subscribers", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: f.get("name"), url: f.get("url"), eventTypes }) });
    const body = await res.json();
    if (!res.ok) return setError(body.errors?.map((x: { path: string; message: string }) => `${x.path}: ${x.message}`).join("; ") ?? body.detail);
    setError(null);
    setSecret(body.secret);
    e.currentTarget?.reset();
    await qc.invalidateQueries({ queryKey: ["subscribers"] });
  }

  return (
    <>
      <form className="toolbar" onSubmit={create} aria-label="Register a subscriber">
        <label>Name<input name="name" required placeholder="analytics" /></label>
        <label>URL<input name="url" type="url" required placeholder="https://analytics.example/hooks/cashline" size={40} /></label>
        <label>Event types (none selected = all)
          <select name="eventTypes" multiple size={4}>{allTypes.map((t) => <option key={t} value={t}>{t}</option>)}</select>
        </label>
        <button type="submit">Register</button>
      </form>
      {error && <div className="error" role="alert">{error}</div>}
      {secret && <div className="card" role="status">Signing secret (shown once): <code className="mono" data-testid="subscriber-secret">{secret}</code></div>}
      {notice && <div className="card" role="status" data-testid="subscriber-notice">{notice}</div>}
      {subs.data.items.length === 0 ? <div className="empty">No subscribers yet.</div> : (
        <table className="grid" data-testid="subscribers">
          <thead><tr><th>Name</th><th>URL</th><th>Events</th><th>Status</th><th className="num">Pending</th><th className="num">Delivered</th><th className="num">Dead</th><th></th></tr></thead>
          <tbody>
            {subs.data.items.map((s) => (
              <tr key={s.id} aria-selected={s.id === selected}>
                <td>{s.name}</td><td className="mono">{s.url}</td><td>{s.eventTypes.join(", ") || "all"}</td>
                <td>{s.active ? "active" : "paused"}{s.secretRotatedAt ? <div className="muted">secret rotated {s.secretRotatedAt.slice(0, 10)}</div> : null}</td>
                <td className="num">{s.pending}</td><td className="num">{s.delivered}</td><td className={`num ${s.dead ? "overdue" : ""}`}>{s.dead}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => setSelected(s.id)}>Delivery log</button>{" "}
                  <button type="button" className="secondary" onClick={() => act(s, "toggle")}>{s.active ? "Pause" : "Resume"}</button>{" "}
                  <button type="button" className="secondary" onClick={() => act(s, "test")}>Send test</button>{" "}
                  <button type="button" className="secondary" onClick={() => act(s, "rotate")}>Rotate secret</button>{" "}
                  <button type="button" className="secondary" onClick={() => act(s, "delete")}>Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected && (
        <>
          <h2>Delivery log</h2>
          {log.isLoading ? <div className="empty">Loading…</div> : log.error ? <div className="error">{String(log.error)}</div> : (
            <table className="grid">
              <thead><tr><th>Event</th><th>Type</th><th>Receipt</th><th>Status</th><th className="num">Attempts</th><th>Last answer</th><th>Delivered</th></tr></thead>
              <tbody>
                {(log.data?.items ?? []).map((d) => (
                  <tr key={d.id}><td className="mono">{d.eventId}</td><td>{d.eventType}</td><td className="mono">{d.orderingKey}</td><td>{d.status.toLowerCase()}</td><td className="num">{d.attempts}</td><td>{d.lastError ?? d.lastStatusCode ?? ""}</td><td>{d.deliveredAt?.replace("T", " ").slice(0, 19) ?? ""}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
