import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { resolveDeduction } from "@/lib/deductions/resolve-deduction.ts";

export const POST = apiRoute(ops.resolveDeduction, (c) => resolveDeduction(actionContextOf(c), c.params.id, c.body));
