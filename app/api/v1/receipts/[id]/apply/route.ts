import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { applyReceipt } from "@/lib/exceptions/apply-receipt.ts";

export const POST = apiRoute(ops.applyReceipt, (c) => applyReceipt(actionContextOf(c), c.params.id, c.body));
