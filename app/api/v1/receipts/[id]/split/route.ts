import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { splitReceipt } from "@/lib/exceptions/split-receipt.ts";

export const POST = apiRoute(ops.splitReceipt, (c) => splitReceipt(actionContextOf(c), c.params.id, c.body));
