import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getPolicyBacktestRows } from "@/lib/cash-application/get-policy-backtest.ts";

export const GET = apiRoute(ops.getPolicyBacktestRows, async ({ params, query }) => {
  const out = await getPolicyBacktestRows(params.id, query);
  if ("csv" in out) {
    return new Response(out.csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="backtest-${params.id}-${query.filter}.csv"` } });
  }
  return out;
});
