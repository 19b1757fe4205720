import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { commentCase } from "@/lib/exceptions/comment-case.ts";

export const POST = apiRoute(ops.commentException, (c) => commentCase(actionContextOf(c), c.params.id, c.body));
