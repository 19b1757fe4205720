import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getHomeSummary } from "@/lib/dashboards/get-home-summary.ts";

export const GET = apiRoute(ops.summary, () => getHomeSummary());
