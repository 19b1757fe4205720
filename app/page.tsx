import Link from "next/link";
import { AppShell } from "@/components/app-shell.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getHomeSummary } from "@/lib/dashboard/get-home-summary.ts";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await requirePageRole("home", "/");
  const s = await getHomeSummary();
  return (
    <AppShell user={user}>
      <h1>Good day, {user.name.split(" ")[0]}</h1>
      <div className="cards">
        <div className="card" data-testid="receipts-today">
          <div className="label">Receipts today</div>
          <div className="value">{s.receiptsToday}</div>
          {s.receiptsTodayByCurrency.map((m) => (
            <div className="sub" key={m.currency}>{m.currency} {m.amount} ({m.count})</div>
          ))}
        </div>
        <div className="card" data-testid="unapplied">
          <div className="label">Unapplied cash</div>
          {s.unappliedByCurrency.length === 0 && <div className="value">—</div>}
          {s.unappliedByCurrency.map((m) => (
            <div className="sub" key={m.currency}><strong>{m.currency} {m.amount}</strong> in {m.count} receipts</div>
          ))}
        </div>
        <div className="card" data-testid="open-exceptions">
          <div className="label">Open exceptions</div>
          <div className="value">{s.openExceptions}</div>
          <div className="sub"><span className={s.overdueExceptions ? "overdue" : ""}>{s.overdueExceptions} past SLA</span></div>
          <div className="sub" data-testid="stalled"><Link href="/exceptions?code=STALLED" className={s.stalledReceipts ? "overdue" : ""}>{s.stalledReceipts ?? 0} stalled payments</Link></div>
        </div>
        <div className="card">
          <div className="label">Posted to ERP today</div>
          <div className="value">{s.postedToday}</div>
        </div>
      </div>
      <p className="muted">
        Start with <Link href="/payments">Payments</Link> to see where every receipt stands.
      </p>
    </AppShell>
  );
}
