import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { listSavedViews } from "@/lib/saved-views/list-saved-views.ts";
import { saveSavedView } from "@/lib/saved-views/save-saved-view.ts";

export const GET = apiRoute(ops.listSavedViews, (c) => listSavedViews(actionContextOf(c).actor.id));
export const POST = apiRoute(ops.saveSavedView, (c) => saveSavedView(actionContextOf(c).actor, c.body));
