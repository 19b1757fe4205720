import { AppShell } from "@/components/app-shell.tsx";
import { AgingView } from "@/components/dashboards/aging-view.tsx";
import { daysParam } from "@/lib/dashboards/period.ts";
import { DashboardTabs } from "@/components/dashboards/dashboard-tabs.tsx";
import { initialOf } from "@/components/live/query-string.ts";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getUnappliedAging, unappliedAgingQuery } from "@/lib/dashboards/get-unapplied-aging.ts";
import { listLegalEntities } from "@/lib/entities/list-legal-entities.ts";

export const dynamic = "force-dynamic";

export default async function AgingPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requirePageRole("dashboards", "/dashboards/aging");
  const parsed = unappliedAgingQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : unappliedAgingQuery.parse({});
  const params = { entity: query.entity, currency: query.currency, days: daysParam(query.days) };
  const [data, options] = await Promise.all([getUnappliedAging(query), listLegalEntities()]);
  return (
    <AppShell user={user}>
      <DashboardTabs current="/dashboards/aging" />
      <AgingView initial={initialOf(params, data)} initialParams={query} options={options} />
    </AppShell>
  );
}
