import { AppShell } from "@/components/app-shell.tsx";
import { CashPositionView } from "@/components/cash/cash-position-view.tsx";
import { initialOf } from "@/components/live/query-string.ts";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getCashPosition } from "@/lib/dashboards/get-cash-position.ts";

export const dynamic = "force-dynamic";

export default async function CashPage() {
  const user = await requirePageRole("cash", "/cash");
  const data = await getCashPosition({ historyDays: 30 });
  return (
    <AppShell user={user}>
      <CashPositionView initial={initialOf({}, data)} />
    </AppShell>
  );
}
