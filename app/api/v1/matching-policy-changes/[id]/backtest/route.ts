import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { backtestPolicyChange } from "@/lib/cash-application/backtest-policy-change.ts";

export const POST = apiRoute(ops.runPolicyBacktest, ({ params, body, principal }) => {
  if (principal.kind !== "user") throw problem(403, "a person runs backtests");
  return backtestPolicyChange(params.id, body, principal.user);
});
