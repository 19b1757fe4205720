// The signed-in person behind a user-administration call (these operations admit sessions only).
import type { Principal } from "../http/principal.ts";
import { problem } from "../http/problem.ts";

export function userActor(principal: Principal): { id: string; email: string } {
  if (principal.kind !== "user") throw problem(403, "only a signed-in person may do this");
  return { id: principal.user.id, email: principal.user.email };
}
