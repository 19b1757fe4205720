import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { deleteSavedView } from "@/lib/saved-views/delete-saved-view.ts";

export const DELETE = apiRoute(ops.deleteSavedView, (c) => deleteSavedView(actionContextOf(c).actor, c.params.id));
