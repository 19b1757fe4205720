"use client";
import { useCallback, useEffect, useState } from "react";

type Key = { id: string; name: string; system: string; prefix: string; scopes: string[]; createdAt: string; revokedAt: string | null; lastUsedAt: string | null; rateLimitPerMinute: number };

const when = (iso: string | null) => (iso ? iso.replace("T", " ").slice(0, 19) : "—");

export function ApiKeysPanel({ scopes }: { scopes: readonly string[] }) {
  const [keys, setKeys] = useState<Key[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState<{ name: string; token: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const res = await fetch("/api/v1/api-keys");
    if (res.ok) setKeys((await res.json()).items);
    else setError(`could not load keys (HTTP ${res.status})`);
  }, []);
  useEffect(() => { void load(); }, [load]);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const limit = String(form.get("rateLimitPerMinute") ?? "").trim();
    const body = {
      name: String(form.get("name") ?? ""), system: String(form.get("system") ?? ""), scopes: form.getAll("scopes").map(String),
      ...(limit ? { rateLimitPerMinute: Number(limit) } : {}),
    };
    setBusy(true);
    setError(null);
    const res = await fetch("/api/v1/api-keys", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const out = await res.json().catch(() => ({}));
    setBusy(false);
    if (!res.ok) {
      setError(out.errors?.map((x: { path: string; message: string }) => `${x.path.replace("body.", "")}: ${x.message}`).join("; ") ?? out.detail ?? `HTTP ${res.status}`);
      return;
    }
    setToken({ name: body.name, token: out.token });
    formEl.reset();
    await load();
  }

  async function revoke(k: Key) {
    if (!window.confirm(`Revoke key ${k.prefix} (${k.name})? Calls with it fail at once.`)) return;
    const res = await fetch(`/api/v1/api-keys/${encodeURIComponent(k.id)}`, { method: "DELETE" });
    if (!res.ok) setError(`could not revoke (HTTP ${res.status})`);
    await load();
  }

  return (
    <section data-testid="api-keys">
      <form className="toolbar" onSubmit={create} aria-label="Create API key">
        <label>Name<input name="name" required maxLength={80} placeholder="billing prod" /></label>
        <label>System<input name="system" required maxLength={40} placeholder="billing" /></label>
        <fieldset style={{ border: 0, display: "flex", gap: 8, padding: 0 }}>
          <legend className="muted" style={{ fontSize: 12 }}>Scopes</legend>
          {scopes.map((s) => <label key={s} style={{ flexDirection: "row", gap: 4 }}><input type="checkbox" name="scopes" value={s} />{s}</label>)}
        </fieldset>
        <label>Requests/min<input name="rateLimitPerMinute" type="number" min={1} max={100000} placeholder="600" style={{ width: 90 }} /></label>
        <button type="submit" disabled={busy}>Create key</button>
      </form>
      {error && <div className="error" role="alert">{error}</div>}
      {token && (
        <div className="card" role="status" data-testid="new-api-key">
          <div className="label">Key for {token.name}: copy it now, it is not shown again.</div>
          <pre className="code" style={{ userSelect: "all" }}>{token.token}</pre>
          <button type="button" className="secondary" onClick={() => setToken(null)}>Done</button>
        </div>
      )}
      {keys === null ? <div className="empty">Loading…</div> : keys.length === 0 ? <div className="empty">No API keys yet.</div> : (
        <table className="grid" data-testid="api-keys-table">
          <thead><tr><th>Name</th><th>System</th><th>Prefix</th><th>Scopes</th><th className="num">Req/min</th><th>Created</th><th>Last used</th><th>Status</th><th></th></tr></thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td><td>{k.system}</td><td className="mono">{k.prefix}</td><td>{k.scopes.join(", ")}</td><td className="num">{k.rateLimitPerMinute}</td>
                <td>{when(k.createdAt)}</td><td>{when(k.lastUsedAt)}</td>
                <td>{k.revokedAt ? `revoked ${when(k.revokedAt)}` : "active"}</td>
                <td>{!k.revokedAt && <button type="button" className="secondary" onClick={() => revoke(k)}>Revoke</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
