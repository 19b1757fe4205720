import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getAutoMatchRate } from "@/lib/dashboards/get-auto-match-rate.ts";

export const GET = apiRoute(ops.getAutoMatchRate, ({ query }) => getAutoMatchRate(query));
