import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { approveRefund } from "@/lib/exceptions/approve-refund.ts";

export const POST = apiRoute(ops.approveRefund, (c) => approveRefund(actionContextOf(c), c.params.id, c.body));
