import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { cancelRefund } from "@/lib/exceptions/cancel-refund.ts";

export const POST = apiRoute(ops.cancelRefund, (c) => cancelRefund(actionContextOf(c), c.params.id, c.body));
