import { AppShell } from "@/components/app-shell.tsx";
import { daysParam } from "@/lib/dashboards/period.ts";
import { DashboardTabs } from "@/components/dashboards/dashboard-tabs.tsx";
import { ThroughputView } from "@/components/dashboards/throughput-view.tsx";
import { initialOf } from "@/components/live/query-string.ts";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getAutoMatchRate } from "@/lib/dashboards/get-auto-match-rate.ts";
import { exceptionResolutionQuery, getExceptionResolution } from "@/lib/dashboards/get-exception-resolution.ts";

export const dynamic = "force-dynamic";

export default async function ExceptionThroughputPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requirePageRole("dashboards", "/dashboards/exceptions");
  const parsed = exceptionResolutionQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : exceptionResolutionQuery.parse({});
  const [resolution, rate] = await Promise.all([getExceptionResolution(query), getAutoMatchRate(query)]);
  const params = { days: daysParam(query.days) };
  return (
    <AppShell user={user}>
      <DashboardTabs current="/dashboards/exceptions" />
      <ThroughputView initialResolution={initialOf(params, resolution)} initialRate={initialOf(params, rate)} initialDays={query.days} />
    </AppShell>
  );
}
