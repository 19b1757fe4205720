import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getPostingLatency } from "@/lib/dashboards/get-posting-latency.ts";

export const GET = apiRoute(ops.getPostingLatency, ({ query }) => getPostingLatency(query));
