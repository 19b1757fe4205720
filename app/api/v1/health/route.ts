import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";

export const dynamic = "force-dynamic";
// Readiness for load balancers and the test harness; deliberately does not touch the database.
export const GET = apiRoute(ops.health, async () => ({ status: "ok" as const, time: new Date().toISOString() }));
