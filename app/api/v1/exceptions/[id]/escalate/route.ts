import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { escalateCase } from "@/lib/exceptions/escalate-case.ts";

export const POST = apiRoute(ops.escalateException, (c) => escalateCase(actionContextOf(c), c.params.id, c.body));
