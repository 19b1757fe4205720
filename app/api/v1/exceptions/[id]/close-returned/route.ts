import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { closeReturnedPayment } from "@/lib/exceptions/close-returned-payment.ts";

export const POST = apiRoute(ops.closeReturnedPayment, (c) => closeReturnedPayment(actionContextOf(c), c.params.id, c.body));
