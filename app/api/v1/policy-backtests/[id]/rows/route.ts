import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { exportPolicyBacktestCsv, getPolicyBacktestRows } from "@/lib/cash-application/get-policy-backtest.ts";

export const GET = apiRoute(ops.getPolicyBacktestRows, async ({ params, query }) => {
  if (query.format !== "csv") return getPolicyBacktestRows(params.id, query);
  const csv = await exportPolicyBacktestCsv(params.id, query);
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="backtest-${params.id}-${query.filter}.csv"` } });
});
