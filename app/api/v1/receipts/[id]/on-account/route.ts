import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { putOnAccount } from "@/lib/exceptions/put-on-account.ts";

export const POST = apiRoute(ops.putReceiptOnAccount, (c) => putOnAccount(actionContextOf(c), c.params.id, c.body));
