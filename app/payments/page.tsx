import { AppShell } from "@/components/app-shell.tsx";
import { StateChip } from "@/components/state-chip.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { listReceipts, listReceiptsQuery, RECEIPT_STATES } from "@/lib/receipts/list-receipts.ts";

export const dynamic = "force-dynamic";

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requirePageRole("payments", "/payments");
  const parsed = listReceiptsQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listReceiptsQuery.parse({});
  const { total, items } = await listReceipts(query);
  return (
    <AppShell user={user}>
      <h1>Payments</h1>
      <form className="toolbar" method="get">
        <label>State
          <select name="state" defaultValue={query.state ?? ""}>
            <option value="">all</option>
            {RECEIPT_STATES.map((s) => <option key={s} value={s}>{s.toLowerCase().replaceAll("_", " ")}</option>)}
          </select>
        </label>
        <label>Search<input name="q" defaultValue={query.q ?? ""} placeholder="payer, reference, remittance" /></label>
        <button type="submit">Filter</button>
        <span className="muted">{total} receipts</span>
      </form>
      {items.length === 0 ? (
        <div className="empty">No receipts match.</div>
      ) : (
        <table className="grid" data-testid="receipts-table">
          <thead>
            <tr><th>Value date</th><th>Entity</th><th>Payer</th><th>Customer</th><th className="num">Amount</th><th className="num">Unapplied</th><th>Channel</th><th>State</th><th className="num">Age (h)</th><th>Bank ref</th></tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>{r.valueDate}</td><td>{r.entity}</td><td>{r.payerName ?? "—"}</td><td>{r.customer ?? "—"}</td>
                <td className="num">{r.currency} {r.amount}</td><td className="num">{r.unapplied}</td><td>{r.channel.toLowerCase()}</td>
                <td><StateChip value={r.state} /></td><td className="num">{r.ageHours}</td><td className="mono">{r.bankReference ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AppShell>
  );
}
