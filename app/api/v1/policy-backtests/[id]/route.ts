import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getPolicyBacktest } from "@/lib/cash-application/get-policy-backtest.ts";

export const GET = apiRoute(ops.getPolicyBacktest, ({ params }) => getPolicyBacktest(params.id));
