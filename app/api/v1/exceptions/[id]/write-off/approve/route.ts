import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { approveWriteOff } from "@/lib/exceptions/approve-write-off.ts";

export const POST = apiRoute(ops.approveWriteOff, (c) => approveWriteOff(actionContextOf(c), c.params.id, c.body));
