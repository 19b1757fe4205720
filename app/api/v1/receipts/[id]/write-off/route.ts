import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { writeOffReceipt } from "@/lib/exceptions/write-off-receipt.ts";

export const POST = apiRoute(ops.writeOffReceipt, (c) => writeOffReceipt(actionContextOf(c), c.params.id, c.body));
