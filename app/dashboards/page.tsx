import { AppShell } from "@/components/app-shell.tsx";
import { DashboardTabs } from "@/components/dashboards/dashboard-tabs.tsx";
import { OverviewView } from "@/components/dashboards/overview-view.tsx";
import { initialOf } from "@/components/live/query-string.ts";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getAutoMatchRate } from "@/lib/dashboards/get-auto-match-rate.ts";
import { getExceptionResolution } from "@/lib/dashboards/get-exception-resolution.ts";
import { getPostingLatency } from "@/lib/dashboards/get-posting-latency.ts";
import { getUnappliedAging } from "@/lib/dashboards/get-unapplied-aging.ts";
import { dashboardDays, daysParam } from "@/lib/dashboards/period.ts";

export const dynamic = "force-dynamic";

export default async function DashboardsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requirePageRole("dashboards", "/dashboards");
  // One period for every card (the dashboards' shared picker; default the last 30 days).
  const parsed = dashboardDays.safeParse((await searchParams).days);
  const days = parsed.success ? parsed.data : dashboardDays.parse(undefined);
  const [aging, latency, resolution, rate] = await Promise.all([
    getUnappliedAging({ days }), getPostingLatency({ days }), getExceptionResolution({ days }), getAutoMatchRate({ days }),
  ]);
  const params = { days: daysParam(days) };
  return (
    <AppShell user={user}>
      <DashboardTabs current="/dashboards" />
      <OverviewView initialDays={days} initial={{ aging: initialOf(params, aging), latency: initialOf(params, latency), resolution: initialOf(params, resolution), rate: initialOf(params, rate) }} />
    </AppShell>
  );
}
