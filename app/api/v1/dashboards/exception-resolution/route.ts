import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getExceptionResolution } from "@/lib/dashboards/get-exception-resolution.ts";

export const GET = apiRoute(ops.getExceptionResolution, ({ query }) => getExceptionResolution(query));
