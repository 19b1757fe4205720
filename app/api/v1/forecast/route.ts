import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getCashForecast } from "@/lib/forecast/get-cash-forecast.ts";

export const GET = apiRoute(ops.getCashForecast, ({ query }) => getCashForecast(query));
