import { AppShell } from "@/components/app-shell.tsx";
import { CloseView } from "@/components/close/close-view.tsx";
import { initialOf } from "@/components/live/query-string.ts";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { closeReadinessQuery, getCloseChecklist } from "@/lib/close/get-close-checklist.ts";
import { MIN_JUSTIFICATION } from "@/lib/close/sign-off-period.ts";
import { currentPeriod } from "@/lib/dashboards/time.ts";

export const dynamic = "force-dynamic";

export default async function ClosePage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requirePageRole("close", "/close");
  const parsed = closeReadinessQuery.safeParse(await searchParams);
  const now = new Date();
  const current = currentPeriod(now);
  const period = parsed.success && parsed.data.period && parsed.data.period <= current ? parsed.data.period : current;
  const data = await getCloseChecklist({ period }, now);
  return (
    <AppShell user={user}>
      <CloseView initial={initialOf({ period: period === current ? undefined : period }, data)} initialPeriod={period} currentPeriod={current}
        minJustification={MIN_JUSTIFICATION} canSign={user.role === "CONTROLLER" || user.role === "ADMIN"} userId={user.id} />
    </AppShell>
  );
}
