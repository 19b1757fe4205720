import { ops } from "@/lib/api/operations.ts";
import { env } from "@/lib/env.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { readMetrics } from "@/lib/metrics/read-metrics.ts";

export const dynamic = "force-dynamic";
export const GET = apiRoute(ops.metrics, async ({ req }) => readMetrics(req.headers.get("authorization"), env().METRICS_TOKEN));
