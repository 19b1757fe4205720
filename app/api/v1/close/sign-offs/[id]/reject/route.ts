import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { rejectSignOff } from "@/lib/close/approve-sign-off.ts";

export const POST = apiRoute(ops.rejectCloseSignOff, ({ params, body, principal, ip, requestId }) => {
  if (principal.kind !== "user") throw problem(403, "a period is signed off by a person");
  return rejectSignOff(params.id, body, { id: principal.user.id, name: principal.user.name, email: principal.user.email, ip, requestId });
});
