import Link from "next/link";
import { AppShell } from "@/components/app-shell.tsx";
import { ApprovalsInbox } from "@/components/approvals-inbox.tsx";
import { formatCount, formatMoney } from "@/components/format.ts";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getHomeSummary } from "@/lib/dashboards/get-home-summary.ts";
import { listApprovalsInbox } from "@/lib/approvals/list-approvals-inbox.ts";

export const dynamic = "force-dynamic";

/** Controllers and anyone who can approve write-offs (a limit above zero) see what waits for them. */
const showsApprovals = (u: { role: string; writeOffLimitMinor: bigint }) => u.role === "CONTROLLER" || u.writeOffLimitMinor > 0n;

export default async function HomePage() {
  const user = await requirePageRole("home", "/");
  const [s, approvals] = await Promise.all([getHomeSummary(), showsApprovals(user) ? listApprovalsInbox(user) : null]);
  return (
    <AppShell user={user}>
      <h1>Good day, {user.name.split(" ")[0]}</h1>
      <div className="cards">
        <div className="card" data-testid="receipts-today">
          <div className="label">Receipts today</div>
          <div className="value">{formatCount(s.receiptsToday)}</div>
          {s.receiptsTodayByCurrency.map((m) => (
            <div className="sub" key={m.currency}>{formatMoney(m.amount, m.currency)} ({formatCount(m.count)})</div>
          ))}
          <div className="definition">{s.receiptsTodayDefinition}</div>
        </div>
        <div className="card" data-testid="unapplied">
          <div className="label">Unapplied cash</div>
          {s.unappliedByCurrency.length === 0 && <div className="value">—</div>}
          {s.unappliedByCurrency.map((m) => (
            <div className="sub" key={m.currency}><strong>{formatMoney(m.amount, m.currency)}</strong> in {formatCount(m.count)} receipts</div>
          ))}
          <div className="definition">{s.unappliedDefinition} Same figure as Dashboards › Unapplied aging.</div>
        </div>
        <div className="card" data-testid="open-exceptions">
          <div className="label">Open exceptions</div>
          <div className="value">{formatCount(s.openExceptions)}</div>
          <div className="sub"><span className={s.overdueExceptions ? "overdue" : ""}>{formatCount(s.overdueExceptions)} past SLA</span></div>
          <div className="sub" data-testid="stalled"><Link href="/exceptions?code=STALLED" className={s.stalledReceipts ? "overdue" : ""}>{formatCount(s.stalledReceipts ?? 0)} stalled payments</Link></div>
        </div>
        <div className="card">
          <div className="label">Posted to ERP today</div>
          <div className="value">{formatCount(s.postedToday)}</div>
          <div className="definition">Acknowledged by the ERP since 00:00 UTC.</div>
        </div>
      </div>
      {approvals && <ApprovalsInbox inbox={approvals} />}
      <p className="muted">
        Start with <Link href="/payments">Payments</Link> to see where every receipt stands.
      </p>
    </AppShell>
  );
}
