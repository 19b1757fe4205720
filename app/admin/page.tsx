import { AppShell } from "@/components/app-shell.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { ROLE_LABEL } from "@/lib/auth/roles.ts";
import { listUsers } from "@/lib/users/list-users.ts";
import { API_SCOPES } from "@/lib/api-keys/create-api-key.ts";
import { ApiKeysPanel } from "@/components/api-keys-panel.tsx";
import { WriteOffLimitsPanel } from "@/components/admin/write-off-limits-panel.tsx";

export const dynamic = "force-dynamic";

export default async function AdminPage() {
  const user = await requirePageRole("admin", "/admin");
  const { items } = await listUsers();
  return (
    <AppShell user={user}>
      <h1>Admin</h1>
      <h2>Users</h2>
      <table className="grid" data-testid="users-table">
        <thead><tr><th>E-mail</th><th>Name</th><th>Role</th><th>Active</th><th>Last sign-in</th></tr></thead>
        <tbody>
          {items.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td><td>{u.name}</td><td>{ROLE_LABEL[u.role]}</td><td>{u.active ? "yes" : "no"}</td>
              <td>{u.lastSignInAt?.replace("T", " ").slice(0, 19) ?? "never"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Write-off limits</h2>
      <p className="muted">Per user and currency; a write-off is compared only with limits in its own currency and counts what is already written off today, on the receipt and on the invoice. Above any limit: a second person approves.</p>
      <WriteOffLimitsPanel />
      <h2>API keys</h2>
      <p className="muted">Keys for machine clients (billing platform, bank feeds). Only a hash is stored; the key is shown once when created.</p>
      <ApiKeysPanel scopes={API_SCOPES} />
    </AppShell>
  );
}
