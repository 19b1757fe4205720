import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { revokeLearnedPayer } from "@/lib/exceptions/revoke-learned-payer.ts";

export const POST = apiRoute(ops.revokeLearnedPayer, (c) => revokeLearnedPayer(actionContextOf(c), c.params.id));
