import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { approveDeduction } from "@/lib/deductions/approve-deduction.ts";

export const POST = apiRoute(ops.approveDeduction, (c) => approveDeduction(actionContextOf(c), c.params.id, c.body));
