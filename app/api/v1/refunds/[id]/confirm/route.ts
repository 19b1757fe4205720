import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { confirmRefund } from "@/lib/exceptions/confirm-refund.ts";

export const POST = apiRoute(ops.confirmRefund, (c) => confirmRefund(actionContextOf(c), c.params.id, c.body));
