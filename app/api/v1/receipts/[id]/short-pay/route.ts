import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { shortPayReceipt } from "@/lib/exceptions/short-pay-receipt.ts";

export const POST = apiRoute(ops.shortPayReceipt, (c) => shortPayReceipt(actionContextOf(c), c.params.id, c.body));
