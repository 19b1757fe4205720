import { AppShell } from "@/components/app-shell.tsx";
import { StateChip } from "@/components/state-chip.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { EXCEPTION_CODES, listExceptions, listExceptionsQuery } from "@/lib/exceptions/list-exceptions.ts";

export const dynamic = "force-dynamic";

export default async function ExceptionsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requirePageRole("exceptions", "/exceptions");
  const parsed = listExceptionsQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listExceptionsQuery.parse({});
  const { total, items } = await listExceptions(query);
  return (
    <AppShell user={user}>
      <h1>Exceptions</h1>
      <form className="toolbar" method="get">
        <label>Code
          <select name="code" defaultValue={query.code ?? ""}>
            <option value="">all</option>
            {EXCEPTION_CODES.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <button type="submit">Filter</button>
        <span className="muted">{total} open</span>
      </form>
      {items.length === 0 ? (
        <div className="empty">No open exceptions. Nice.</div>
      ) : (
        <table className="grid" data-testid="exceptions-table">
          <thead>
            <tr><th>Code</th><th>Status</th><th>Entity</th><th>Payer</th><th className="num">Amount</th><th>Assignee</th><th>SLA due</th><th>Why</th></tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td><StateChip value={c.code} /></td><td>{c.status.toLowerCase().replaceAll("_", " ")}</td><td>{c.entity}</td>
                <td>{c.payerName ?? "—"}</td><td className="num">{c.amount ? `${c.currency} ${c.amount}` : "—"}</td>
                <td>{c.assignee ?? "unassigned"}</td>
                <td className={c.overdue ? "overdue" : ""}>{c.slaDueAt.slice(0, 16).replace("T", " ")}{c.overdue ? " (overdue)" : ""}</td>
                <td>{c.reasons[0] ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AppShell>
  );
}
