import { AppShell } from "@/components/app-shell.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { listAuditLog, listAuditQuery } from "@/lib/audit/list-audit-log.ts";

export const dynamic = "force-dynamic";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requirePageRole("audit", "/audit");
  const parsed = listAuditQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listAuditQuery.parse({});
  const { total, items } = await listAuditLog(query);
  return (
    <AppShell user={user}>
      <h1>Audit log</h1>
      <form className="toolbar" method="get">
        <label>Search<input name="q" defaultValue={query.q ?? ""} placeholder="actor, action or target id" /></label>
        <button type="submit">Search</button>
        <span className="muted">{total} entries</span>
      </form>
      <table className="grid" data-testid="audit-table">
        <thead><tr><th>When</th><th>Actor</th><th>Action</th><th>Target</th><th>Details</th></tr></thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <td>{a.at.replace("T", " ").slice(0, 19)}</td><td>{a.actor ?? a.actorType}</td><td className="mono">{a.action}</td>
              <td>{a.targetType ? `${a.targetType} ${a.targetId ?? ""}` : ""}</td><td className="mono">{JSON.stringify(a.details).slice(0, 120)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AppShell>
  );
}
