"use client";
import { useCallback, useState } from "react";
import { ROLE_LABEL, ROLES, type Role } from "@/lib/auth/roles.ts";
import type { UserRow } from "@/lib/users/list-users.ts";
import { UserRowExtra } from "./user-row-extra.tsx";

const when = (iso: string | null) => (iso ? iso.replace("T", " ").slice(0, 19) : "never");

async function problemText(res: Response): Promise<string> {
  const out = await res.json().catch(() => ({}));
  return out.errors?.map((x: { path: string; message: string }) => `${x.path.replace("body.", "")}: ${x.message}`).join("; ") ?? out.detail ?? `HTTP ${res.status}`;
}

/** Admin: create users, change roles, deactivate/reactivate, issue password-reset links. */
export function UsersPanel({ initial, selfId }: { initial: UserRow[]; selfId: string }) {
  const [users, setUsers] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ email: string; url: string; expiresAt: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const res = await fetch("/api/v1/users");
    if (res.ok) setUsers((await res.json()).items);
  }, []);

  async function call(url: string, method: string, body?: unknown): Promise<unknown | null> {
    setBusy(true);
    setError(null);
    const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    setBusy(false);
    if (!res.ok) { setError(await problemText(res)); return null; }
    const out = await res.json();
    await load();
    return out;
  }

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const temporaryPassword = String(form.get("temporaryPassword") ?? "");
    const body = { email: String(form.get("email") ?? ""), name: String(form.get("name") ?? ""), role: String(form.get("role")), ...(temporaryPassword ? { temporaryPassword } : {}) };
    const out = (await call("/api/v1/users", "POST", body)) as { email: string; setPasswordLink: { path: string; expiresAt: string } | null } | null;
    if (!out) return;
    formEl.reset();
    setLink(out.setPasswordLink ? { email: out.email, url: window.location.origin + out.setPasswordLink.path, expiresAt: out.setPasswordLink.expiresAt } : null);
  }

  async function reset(u: UserRow) {
    if (!window.confirm(`Reset the password of ${u.email}? The current password stops working and open sessions end.`)) return;
    const out = (await call(`/api/v1/users/${encodeURIComponent(u.id)}/password-reset`, "POST")) as { path: string; expiresAt: string } | null;
    if (out) setLink({ email: u.email, url: window.location.origin + out.path, expiresAt: out.expiresAt });
  }

  return (
    <section data-testid="users">
      <form className="toolbar" onSubmit={create} aria-label="Create user">
        <label>E-mail<input name="email" type="email" required maxLength={200} /></label>
        <label>Name<input name="name" required maxLength={120} /></label>
        <label>Role<select name="role" defaultValue="AR_ANALYST">{ROLES.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}</select></label>
        <label>Temporary password (optional)<input name="temporaryPassword" type="password" autoComplete="new-password" minLength={12} maxLength={200} placeholder="empty: one-time link" /></label>
        <button type="submit" disabled={busy}>Create user</button>
      </form>
      {error && <div className="error" role="alert">{error}</div>}
      {link && (
        <div className="card" role="status" data-testid="password-link">
          <div className="label">One-time link for {link.email} (valid until {when(link.expiresAt)} UTC): send it now, it is not shown again.</div>
          <pre className="code" style={{ userSelect: "all" }}>{link.url}</pre>
          <button type="button" className="secondary" onClick={() => setLink(null)}>Done</button>
        </div>
      )}
      <table className="grid" data-testid="users-table">
        <thead><tr><th>E-mail</th><th>Name</th><th>Role</th><th>Active</th><th>Sign-in</th><th>Last sign-in</th><th></th></tr></thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-email={u.email}>
              <td>{u.email}</td><td>{u.name}</td>
              <td>
                <select aria-label={`Role of ${u.email}`} value={u.role} disabled={busy || u.id === selfId}
                  onChange={(e) => void call(`/api/v1/users/${encodeURIComponent(u.id)}`, "PATCH", { role: e.target.value as Role })}>
                  {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
                </select>
              </td>
              <td>{u.active ? "yes" : "no"}</td>
              <td>{[u.sso ? "SSO" : null, u.hasPassword ? "password" : u.sso ? null : "link pending", u.mustChangePassword ? "must change" : null].filter(Boolean).join(", ")}</td>
              <td>{when(u.lastSignInAt)}</td>
              <td style={{ whiteSpace: "nowrap" }}>
                {u.id !== selfId && (
                  <button type="button" className="secondary" disabled={busy} onClick={() => void call(`/api/v1/users/${encodeURIComponent(u.id)}`, "PATCH", { active: !u.active })}>
                    {u.active ? "Deactivate" : "Reactivate"}
                  </button>
                )}{" "}
                {u.active && <button type="button" className="secondary" disabled={busy} onClick={() => void reset(u)}>Reset password</button>}
                <UserRowExtra user={u} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
