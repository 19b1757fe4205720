// GET /api/metrics: the Prometheus text exposition of this web process (its own counters and the system-wide
// gauges read from the database). Business figures are not public: a bearer token (METRICS_TOKEN) is required,
// and without one configured the endpoint is off (404), never open by default.
import crypto from "node:crypto";
import { problem } from "../http/problem.ts";
import { registerBusinessGauges } from "./business-gauges.ts";
import { registry } from "./registry.ts";

function tokenMatches(presented: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(presented).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

export async function readMetrics(authorization: string | null, expectedToken: string | undefined): Promise<Response> {
  if (!expectedToken) throw problem(404, "metrics are off here: set METRICS_TOKEN to expose them");
  const presented = authorization?.match(/^Bearer\s+(.+)$/i)?.[1] ?? "";
  if (!tokenMatches(presented, expectedToken)) throw problem(401, "a valid metrics bearer token is required (Authorization: Bearer <METRICS_TOKEN>)");
  registerBusinessGauges();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
