import { AppShell } from "@/components/app-shell.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { listUsers } from "@/lib/users/list-users.ts";
import { API_SCOPES } from "@/lib/api-keys/create-api-key.ts";
import { ApiKeysPanel } from "@/components/api-keys-panel.tsx";
import { UsersPanel } from "@/components/users-panel.tsx";
import { WriteOffLimitsPanel } from "@/components/admin/write-off-limits-panel.tsx";

export const dynamic = "force-dynamic";

export default async function AdminPage() {
  const user = await requirePageRole("admin", "/admin");
  const { items } = await listUsers();
  return (
    <AppShell user={user}>
      <h1>Admin</h1>
      <h2>Users</h2>
      <p className="muted">New users get a one-time link (24 hours) to choose their password, or a temporary password they must change at first sign-in. Deactivating ends the person's open sessions at once. Every change is in the audit log.</p>
      <UsersPanel initial={items} selfId={user.id} />
      <h2>Write-off limits</h2>
      <p className="muted">Per user and currency; a write-off is compared only with limits in its own currency and counts what is already written off today, on the receipt and on the invoice. Above any limit: a second person approves.</p>
      <WriteOffLimitsPanel />
      <h2>API keys</h2>
      <p className="muted">Keys for machine clients (billing platform, bank feeds). Only a hash is stored; the key is shown once when created.</p>
      <ApiKeysPanel scopes={API_SCOPES} />
    </AppShell>
  );
}
