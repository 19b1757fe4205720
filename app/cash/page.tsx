import { AppShell } from "@/components/app-shell.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { listBankAccounts } from "@/lib/bank-accounts/list-bank-accounts.ts";

export const dynamic = "force-dynamic";

export default async function CashPage() {
  const user = await requirePageRole("cash", "/cash");
  const { items } = await listBankAccounts();
  return (
    <AppShell user={user}>
      <h1>Cash position</h1>
      <table className="grid" data-testid="cash-table">
        <thead>
          <tr><th>Entity</th><th>Account</th><th>Bank</th><th>Number / IBAN</th><th>Currency</th><th>Last statement</th><th className="num">Closing balance</th><th className="num">Received today</th></tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <td>{a.entity}</td><td>{a.name}</td><td>{a.bankName}</td><td className="mono">{a.iban ?? a.accountNumber}</td><td>{a.currency}</td>
              <td>{a.lastStatementDate ?? "none yet"}</td><td className="num">{a.closingBalance ?? "—"}</td><td className="num">{a.receivedToday}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AppShell>
  );
}
