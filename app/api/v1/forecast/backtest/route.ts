import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getForecastBacktest } from "@/lib/forecast/get-forecast-backtest.ts";

export const GET = apiRoute(ops.getForecastBacktest, ({ query }) => getForecastBacktest(query));
