import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { requestRefund } from "@/lib/exceptions/request-refund.ts";

export const POST = apiRoute(ops.requestRefund, (c) => requestRefund(actionContextOf(c), c.params.id, c.body));
