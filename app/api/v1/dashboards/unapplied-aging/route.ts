import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getUnappliedAging } from "@/lib/dashboards/get-unapplied-aging.ts";

export const GET = apiRoute(ops.getUnappliedAging, ({ query }) => getUnappliedAging(query));
