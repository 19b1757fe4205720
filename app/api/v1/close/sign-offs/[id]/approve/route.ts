import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { approveSignOff } from "@/lib/close/approve-sign-off.ts";

export const POST = apiRoute(ops.approveCloseSignOff, ({ params, body, principal, ip, requestId }) => {
  if (principal.kind !== "user") throw problem(403, "a period is signed off by a person");
  return approveSignOff(params.id, body, { id: principal.user.id, name: principal.user.name, email: principal.user.email, ip, requestId });
});
