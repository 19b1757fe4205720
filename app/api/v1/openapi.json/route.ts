import { allOperations, ops } from "@/lib/api/operations.ts";
import { buildOpenApi } from "@/lib/api/build-openapi.ts";
import { apiRoute } from "@/lib/http/api-route.ts";

export const GET = apiRoute(ops.openapi, async () => buildOpenApi(allOperations));
