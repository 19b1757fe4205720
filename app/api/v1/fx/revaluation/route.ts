import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getFxRevaluation } from "@/lib/fx/get-fx-revaluation.ts";

export const GET = apiRoute(ops.getFxRevaluation, ({ query }) => getFxRevaluation(query));
