import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { updateReasonCode } from "@/lib/deductions/reason-codes.ts";

export const PUT = apiRoute(ops.updateDeductionReason, (c) => updateReasonCode(actionContextOf(c), c.params.id, c.body));
