import { AppShell } from "@/components/app-shell.tsx";
import { DashboardTabs } from "@/components/dashboards/dashboard-tabs.tsx";
import { OverviewView } from "@/components/dashboards/overview-view.tsx";
import { initialOf } from "@/components/live/query-string.ts";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getAutoMatchRate } from "@/lib/dashboards/get-auto-match-rate.ts";
import { getExceptionResolution } from "@/lib/dashboards/get-exception-resolution.ts";
import { getPostingLatency } from "@/lib/dashboards/get-posting-latency.ts";
import { getUnappliedAging } from "@/lib/dashboards/get-unapplied-aging.ts";

export const dynamic = "force-dynamic";

export default async function DashboardsPage() {
  const user = await requirePageRole("dashboards", "/dashboards");
  const [aging, latency, resolution, rate] = await Promise.all([
    getUnappliedAging({ days: 30 }), getPostingLatency({ days: 7 }), getExceptionResolution({ days: 7 }), getAutoMatchRate({ days: 7 }),
  ]);
  return (
    <AppShell user={user}>
      <DashboardTabs current="/dashboards" />
      <OverviewView initial={{ aging: initialOf({}, aging), latency: initialOf({ days: 7 }, latency), resolution: initialOf({ days: 7 }, resolution), rate: initialOf({ days: 7 }, rate) }} />
    </AppShell>
  );
}
