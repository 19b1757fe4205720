import { AppShell } from "@/components/app-shell.tsx";
import { ForecastView } from "@/components/forecast/forecast-view.tsx";
import { initialOf } from "@/components/live/query-string.ts";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { forecastQuery } from "@/lib/forecast/forecast-schemas.ts";
import { getCashForecast } from "@/lib/forecast/get-cash-forecast.ts";
import { getForecastBacktest } from "@/lib/forecast/get-forecast-backtest.ts";

export const dynamic = "force-dynamic";

export default async function ForecastPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requirePageRole("forecast", "/forecast");
  const parsed = forecastQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  const [forecast, backtest] = await Promise.all([getCashForecast(query), getForecastBacktest(query)]);
  return (
    <AppShell user={user}>
      <ForecastView initialParams={query} forecast={initialOf(query, forecast)} backtest={initialOf(query, backtest)} />
    </AppShell>
  );
}
