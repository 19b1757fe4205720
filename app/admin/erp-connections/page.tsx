import { AppShell } from "@/components/app-shell.tsx";
import { ErpConnectionsPanel } from "@/components/admin/erp-connections-panel.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";

export const dynamic = "force-dynamic";

export default async function ErpConnectionsPage() {
  const user = await requirePageRole("admin", "/admin/erp-connections");
  return (
    <AppShell user={user}>
      <h1>ERP connections</h1>
      <p className="muted">
        Which ERP each legal entity posts to, and how to reach it. Credentials are sealed at rest with
        CASHLINE_ENCRYPTION_KEY and never shown again: only which fields are set, a fingerprint and when. An entity
        without a connection posts to ERP_URL as Oracle. Every change and every test is in the audit log; postings
        pick a change up within seconds.
      </p>
      <ErpConnectionsPanel />
    </AppShell>
  );
}
