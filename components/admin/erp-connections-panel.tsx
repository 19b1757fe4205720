"use client";
// Admin panel: each legal entity's ERP connection. Credentials are write-only: typed here as `field=value` lines,
// sent once (PUT or rotate-credentials), never shown again — the table says only which fields are set, a
// fingerprint and when. "Test connection" runs the adapter's authenticated round trip on the server.
import { useEffect, useState } from "react";
import { fetchJson } from "../live/use-live-query.ts";
import { formatDateTime } from "../format.ts";

type Row = {
  entityId: string; entityCode: string; entityName: string;
  connection: null | {
    kind: string; baseUrl: string; version: number; updatedAt: string;
    credentials: { set: boolean; fields: string[]; fingerprint: string | null; setAt: string | null; sealedWithCurrentKey: boolean };
    lastTest: { ok: boolean; at: string; detail: string | null } | null;
  };
  effective: { kind: string; baseUrl: string; source: "connection" | "ERP_URL" };
};

/** `field=value` lines → an object; a line without `=` is an error naming the line. */
function parseCredentials(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split("\n").map((l) => l.trim()).filter(Boolean).forEach((line, i) => {
    const at = line.indexOf("=");
    if (at < 1) throw new Error(`Credentials, line ${i + 1}: write field=value`);
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  });
  return out;
}

export function ErpConnectionsPanel() {
  const [data, setData] = useState<{ kinds: string[]; items: Row[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const load = () => fetchJson<{ kinds: string[]; items: Row[] }>("/api/v1/admin/erp-connections").then(setData, (e: Error) => setError(e.message));
  useEffect(() => { void load(); }, []);

  async function run(label: string, call: () => Promise<string>) {
    setError(null);
    setDone(null);
    setBusy(label);
    try {
      setDone(await call());
      await load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  const test = (r: Row) => run(`test-${r.entityCode}`, async () => {
    const t = await fetchJson<{ ok: boolean; detail: string }>(`/api/v1/admin/erp-connections/${r.entityCode}/test`, { method: "POST" });
    return `${r.entityCode}: ${t.ok ? "connection works" : "connection failed"} — ${t.detail}`;
  });

  function submit(ev: React.FormEvent<HTMLFormElement>, rotate: boolean) {
    ev.preventDefault();
    const form = ev.currentTarget;
    const f = new FormData(form);
    const entity = String(f.get("entity"));
    void run(rotate ? "rotate" : "save", async () => {
      const text = String(f.get("credentials") ?? "");
      const credentials = text.trim() ? parseCredentials(text) : undefined;
      const reason = String(f.get("reason") ?? "").trim() || undefined;
      if (rotate) {
        if (!credentials) throw new Error("Credentials: give the new field=value lines");
        await fetchJson(`/api/v1/admin/erp-connections/${entity}/rotate-credentials`, { method: "POST", body: JSON.stringify({ credentials, reason }) });
      } else {
        await fetchJson(`/api/v1/admin/erp-connections/${entity}`, { method: "PUT", body: JSON.stringify({ kind: f.get("kind"), baseUrl: f.get("baseUrl"), credentials, reason }) });
      }
      (form.elements.namedItem("credentials") as HTMLTextAreaElement).value = ""; // never kept in the page
      return rotate ? `Credentials of ${entity} replaced.` : `Connection of ${entity} saved.`;
    });
  }

  if (!data) return error ? <div className="error" role="alert">{error}</div> : <div className="muted">Loading ERP connections…</div>;
  return (
    <section data-testid="erp-connections-panel">
      <table className="grid">
        <thead><tr><th>Entity</th><th>ERP</th><th>Base URL</th><th>Credentials</th><th>Last test</th><th /></tr></thead>
        <tbody>
          {data.items.map((r) => {
            const c = r.connection;
            return (
              <tr key={r.entityId} data-testid={`erp-connection-${r.entityCode}`}>
                <td>{r.entityCode} <span className="muted">{r.entityName}</span></td>
                <td>{r.effective.kind}{!c && <span className="muted"> (ERP_URL, no connection set)</span>}</td>
                <td><code>{r.effective.baseUrl}</code></td>
                <td>
                  {!c ? "—" : c.credentials.set
                    ? <>set: {c.credentials.fields.join(", ")} <span className="muted">{c.credentials.fingerprint} · {formatDateTime(c.credentials.setAt)}{!c.credentials.sealedWithCurrentKey && " · resealing under the new key"}</span></>
                    : <span className="muted">none</span>}
                </td>
                <td>{c?.lastTest ? <span className={c.lastTest.ok ? "" : "error"}>{c.lastTest.ok ? "ok" : "failed"} <span className="muted">{formatDateTime(c.lastTest.at)} {c.lastTest.detail}</span></span> : <span className="muted">never</span>}</td>
                <td>{c && <button type="button" className="secondary" disabled={busy !== null} onClick={() => void test(r)}>Test connection</button>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form className="toolbar" onSubmit={(e) => submit(e, false)} aria-label="Set an ERP connection">
        <label>Entity<select name="entity" required>{data.items.map((r) => <option key={r.entityId} value={r.entityCode}>{r.entityCode}</option>)}</select></label>
        <label>ERP<select name="kind" required>{data.kinds.map((k) => <option key={k} value={k}>{k}</option>)}</select></label>
        <label>Base URL<input name="baseUrl" type="url" required size={32} placeholder="https://erp.example.com" /></label>
        <label>Credentials (field=value per line; empty keeps them)<textarea name="credentials" rows={2} cols={28} autoComplete="off" spellCheck={false} /></label>
        <label>Why (audited)<input name="reason" size={18} /></label>
        <button type="submit" disabled={busy !== null}>Save connection</button>
      </form>
      <form className="toolbar" onSubmit={(e) => submit(e, true)} aria-label="Replace ERP credentials">
        <label>Entity<select name="entity" required>{data.items.filter((r) => r.connection).map((r) => <option key={r.entityId} value={r.entityCode}>{r.entityCode}</option>)}</select></label>
        <label>New credentials (field=value per line)<textarea name="credentials" rows={2} cols={28} required autoComplete="off" spellCheck={false} /></label>
        <label>Why (audited)<input name="reason" size={18} /></label>
        <button type="submit" disabled={busy !== null}>Rotate credentials</button>
      </form>
      {error && <div className="error" role="alert">{error}</div>}
      {done && <div role="status" className="muted">{done}</div>}
    </section>
  );
}
