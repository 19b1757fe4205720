import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { reverseApplication } from "@/lib/exceptions/reverse-application.ts";

export const POST = apiRoute(ops.reverseApplication, (c) => reverseApplication(actionContextOf(c), c.params.id, c.body));
