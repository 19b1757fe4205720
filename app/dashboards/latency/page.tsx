import { AppShell } from "@/components/app-shell.tsx";
import { DashboardTabs } from "@/components/dashboards/dashboard-tabs.tsx";
import { LatencyView } from "@/components/dashboards/latency-view.tsx";
import { initialOf } from "@/components/live/query-string.ts";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { daysParam } from "@/lib/dashboards/period.ts";
import { getPostingLatency, postingLatencyQuery } from "@/lib/dashboards/get-posting-latency.ts";

export const dynamic = "force-dynamic";

export default async function LatencyPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requirePageRole("dashboards", "/dashboards/latency");
  const parsed = postingLatencyQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : postingLatencyQuery.parse({});
  const data = await getPostingLatency(query);
  return (
    <AppShell user={user}>
      <DashboardTabs current="/dashboards/latency" />
      <LatencyView initial={initialOf({ days: daysParam(query.days), channel: query.channel }, data)} initialParams={query} />
    </AppShell>
  );
}
