import Link from "next/link";
import { AppShell } from "@/components/app-shell.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getCloseChecklist } from "@/lib/close/get-close-checklist.ts";

export const dynamic = "force-dynamic";

export default async function ClosePage() {
  const user = await requirePageRole("close", "/close");
  const entities = await getCloseChecklist();
  return (
    <AppShell user={user}>
      <h1>Close readiness</h1>
      {entities.map((e) => (
        <section key={e.entity} data-testid={`close-${e.entity}`}>
          <h2>{e.entity} — {e.name} <span className={`chip ${e.blocking ? "bad" : "ok"}`}>{e.blocking ? `${e.blocking} blocking` : "ready"}</span></h2>
          <table className="grid">
            <thead><tr><th>Check</th><th className="num">Items</th><th className="num">Amounts</th><th></th></tr></thead>
            <tbody>
              {e.items.map((i) => (
                <tr key={i.key}>
                  <td>{i.label}</td><td className="num">{i.count}</td>
                  <td className="num">{i.amounts.map((a) => `${a.currency} ${a.amount}`).join(" · ") || "—"}</td>
                  <td>{i.count > 0 ? <Link href={i.href}>open items</Link> : <span className="chip ok">clear</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </AppShell>
  );
}
