"use client";
// Admin panel: each user's write-off limits per currency (per write-off, receipt, invoice, day). Setting or
// removing one currency sends the user's whole set (PUT /api/v1/write-off-limits/{userId}); the server validates
// amounts in that currency and audits before/after with the reason. No limit in a currency = approval every time.
import { useEffect, useState } from "react";
import { fetchJson } from "../live/use-live-query.ts";

type Limit = { currency: string; perWriteOff: string; perReceipt: string; perInvoice: string; perDay: string };
type UserLimits = { userId: string; email: string; name: string; role: string; limits: Limit[] };

const FIELDS = [["perWriteOff", "Per write-off"], ["perReceipt", "Per receipt"], ["perInvoice", "Per invoice"], ["perDay", "Per day"]] as const;

export function WriteOffLimitsPanel() {
  const [users, setUsers] = useState<UserLimits[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = () => fetchJson<{ items: UserLimits[] }>("/api/v1/write-off-limits").then((r) => setUsers(r.items), (e: Error) => setError(e.message));
  useEffect(() => { void load(); }, []);

  async function put(u: UserLimits, limits: Limit[], reason: string) {
    setError(null);
    setDone(null);
    try {
      await fetchJson(`/api/v1/write-off-limits/${u.userId}`, { method: "PUT", body: JSON.stringify({ limits, reason }) });
      setDone(`Limits of ${u.email} saved.`);
      await load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  async function submit(ev: React.FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const u = users?.find((x) => x.userId === f.get("userId"));
    if (!u) return setError("choose a user");
    const line = { currency: String(f.get("currency")).trim().toUpperCase(), ...Object.fromEntries(FIELDS.map(([k]) => [k, String(f.get(k)).trim()])) } as Limit;
    await put(u, [...u.limits.filter((l) => l.currency !== line.currency), line], String(f.get("reason")));
  }

  if (!users) return error ? <div className="error" role="alert">{error}</div> : <div className="muted">Loading write-off limits…</div>;
  return (
    <section data-testid="write-off-limits-panel">
      <table className="grid">
        <thead><tr><th>User</th><th>Currency</th>{FIELDS.map(([k, label]) => <th key={k} className="num">{label}</th>)}<th /></tr></thead>
        <tbody>
          {users.flatMap((u): { u: UserLimits; l: Limit | null }[] => (u.limits.length === 0 ? [{ u, l: null }] : u.limits.map((l) => ({ u, l })))).map(({ u, l }) => (
            <tr key={`${u.userId}-${l?.currency ?? "none"}`}>
              <td>{u.email}</td>
              <td>{l?.currency ?? <span className="muted">none: every write-off needs approval</span>}</td>
              {FIELDS.map(([k]) => <td key={k} className="num">{l?.[k] ?? ""}</td>)}
              <td>{l && <button type="button" className="secondary" onClick={() => put(u, u.limits.filter((x) => x.currency !== l.currency), `remove ${l.currency} limit`)}>Remove</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="toolbar" onSubmit={submit} aria-label="Set a write-off limit">
        <label>User<select name="userId" required>{users.map((u) => <option key={u.userId} value={u.userId}>{u.email}</option>)}</select></label>
        <label>Currency<input name="currency" required pattern="[A-Za-z]{3}" size={4} defaultValue="USD" /></label>
        {FIELDS.map(([k, label]) => <label key={k}>{label}<input name={k} required pattern="\d+(\.\d+)?" size={9} /></label>)}
        <label>Why (audited)<input name="reason" required minLength={5} size={24} /></label>
        <button type="submit">Set limit</button>
      </form>
      {error && <div className="error" role="alert">{error}</div>}
      {done && <div role="status" className="muted">{done}</div>}
    </section>
  );
}
