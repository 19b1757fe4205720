import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { assignCases } from "@/lib/exceptions/assign-cases.ts";

export const POST = apiRoute(ops.assignExceptions, (c) => assignCases(actionContextOf(c), c.body));
