import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { rejectWriteOff } from "@/lib/exceptions/reject-write-off.ts";

export const POST = apiRoute(ops.rejectWriteOff, (c) => rejectWriteOff(actionContextOf(c), c.params.id, c.body));
