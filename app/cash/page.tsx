import { AppShell } from "@/components/app-shell.tsx";
import { CashPositionView } from "@/components/cash/cash-position-view.tsx";
import { initialOf } from "@/components/live/query-string.ts";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getCashPosition } from "@/lib/dashboards/get-cash-position.ts";
import { getConsolidatedCash } from "@/lib/fx/get-consolidated-cash.ts";
import { ConsolidatedCashView } from "@/components/cash/consolidated-cash.tsx";

export const dynamic = "force-dynamic";

export default async function CashPage() {
  const user = await requirePageRole("cash", "/cash");
  const [data, consolidated] = await Promise.all([getCashPosition({ historyDays: 30 }), getConsolidatedCash()]);
  return (
    <AppShell user={user}>
      <CashPositionView initial={initialOf({}, data)} />
      <ConsolidatedCashView data={consolidated} />
    </AppShell>
  );
}
