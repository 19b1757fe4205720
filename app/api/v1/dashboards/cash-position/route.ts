import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getCashPosition } from "@/lib/dashboards/get-cash-position.ts";

export const GET = apiRoute(ops.getCashPosition, ({ query }) => getCashPosition(query));
