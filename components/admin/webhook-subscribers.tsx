"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

type Subscriber = { id: string; name: string; url: string; eventTypes: string[]; active: boolean; pending: number; delivered: number; dead: number };
type Delivery = { id: string; eventId: string; eventType: string; orderingKey: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; deliveredAt: string | null };

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error((await res.json().catch(() => ({}))).detail ?? `HTTP ${res.status}`);
  return res.json();
}

export function WebhookSubscribers({ initial }: { initial: Subscriber[] }) {
  const qc = useQueryClient();
  const subs = useQuery({ queryKey: ["subscribers"], queryFn: () => getJson<{ items: Subscriber[] }>("/api/v1/webhook-subscribers"), initialData: { items: initial }, refetchInterval: 5000 });
  const [selected, setSelected] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const log = useQuery({ queryKey: ["deliveries", selected], enabled: !!selected, queryFn: () => getJson<{ items: Delivery[] }>(`/api/v1/webhook-subscribers/${selected}/deliveries`), refetchInterval: 3000 });

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const eventTypes = String(f.get("eventTypes") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
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
        <label>Event types (comma-separated, empty = all)<input name="eventTypes" placeholder="receipt.posted, cash.applied" size={30} /></label>
        <button type="submit">Register</button>
      </form>
      {error && <div className="error" role="alert">{error}</div>}
      {secret && <div className="card" role="status">Signing secret (shown once): <code className="mono" data-testid="subscriber-secret">{secret}</code></div>}
      {subs.data.items.length === 0 ? <div className="empty">No subscribers yet.</div> : (
        <table className="grid" data-testid="subscribers">
          <thead><tr><th>Name</th><th>URL</th><th>Events</th><th className="num">Pending</th><th className="num">Delivered</th><th className="num">Dead</th><th></th></tr></thead>
          <tbody>
            {subs.data.items.map((s) => (
              <tr key={s.id} aria-selected={s.id === selected}>
                <td>{s.name}</td><td className="mono">{s.url}</td><td>{s.eventTypes.join(", ") || "all"}</td>
                <td className="num">{s.pending}</td><td className="num">{s.delivered}</td><td className={`num ${s.dead ? "overdue" : ""}`}>{s.dead}</td>
                <td><button type="button" className="secondary" onClick={() => setSelected(s.id)}>Delivery log</button></td>
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
