import { AppShell } from "@/components/app-shell.tsx";
import { AuditView } from "@/components/audit/audit-view.tsx";
import { initialOf } from "@/components/live/query-string.ts";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { listAuditLog, listAuditQuery } from "@/lib/audit/list-audit-log.ts";

export const dynamic = "force-dynamic";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requirePageRole("audit", "/audit");
  const parsed = listAuditQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listAuditQuery.parse({});
  const data = await listAuditLog(query);
  const { limit, offset, ...filters } = query;
  const params = { ...filters, offset: offset || undefined, limit: limit === 50 ? undefined : limit };
  return (
    <AppShell user={user}>
      <AuditView initial={initialOf(params, data)} initialFilters={{ ...filters, offset, limit }} />
    </AppShell>
  );
}
