import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { correctPosting } from "@/lib/exceptions/correct-posting.ts";

export const POST = apiRoute(ops.correctPosting, (c) => correctPosting(actionContextOf(c), c.params.id, c.body));
