// From an API call to an action context: only a signed-in person works exceptions (the operations are session-only;
// this keeps the domain functions free of HTTP types).
import type { Principal } from "../http/principal.ts";
import { problem } from "../http/problem.ts";
import type { ActionContext } from "./action-context.ts";

export function actionContextOf({ principal, requestId, ip }: { principal: Principal; requestId: string; ip: string }): ActionContext {
  if (principal.kind !== "user") throw problem(403, "only a signed-in person can work exceptions");
  return { actor: principal.user, requestId, ip };
}
