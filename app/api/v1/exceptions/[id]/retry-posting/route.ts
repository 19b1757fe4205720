import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { retryPosting } from "@/lib/exceptions/retry-posting.ts";

export const POST = apiRoute(ops.retryPosting, (c) => retryPosting(actionContextOf(c), c.params.id, c.body));
