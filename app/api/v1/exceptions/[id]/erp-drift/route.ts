import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { resolveErpDrift } from "@/lib/erp-sync/resolve-erp-drift.ts";

export const POST = apiRoute(ops.resolveErpDrift, (c) => resolveErpDrift(actionContextOf(c), c.params.id, c.body));
