import { AppShell } from "@/components/app-shell.tsx";
import { StateChip } from "@/components/state-chip.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { listConnectorRuns, listConnectorRunsQuery } from "@/lib/connectors/list-connector-runs.ts";

export const dynamic = "force-dynamic";

export default async function ConnectorsPage() {
  const user = await requirePageRole("connectors", "/connectors");
  const { items } = await listConnectorRuns(listConnectorRunsQuery.parse({}));
  return (
    <AppShell user={user}>
      <h1>Connectors</h1>
      {items.length === 0 ? (
        <div className="empty">No connector has run yet.</div>
      ) : (
        <table className="grid" data-testid="connector-runs">
          <thead><tr><th>Connector</th><th>Status</th><th>Started</th><th>Finished</th><th className="num">In</th><th className="num">Out</th><th>Error</th></tr></thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>{r.connector}</td><td><StateChip value={r.status} /></td><td>{r.startedAt.replace("T", " ").slice(0, 19)}</td>
                <td>{r.finishedAt?.replace("T", " ").slice(0, 19) ?? "running"}</td><td className="num">{r.itemsIn}</td><td className="num">{r.itemsOut}</td><td>{r.error ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AppShell>
  );
}
