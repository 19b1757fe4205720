import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { setWriteOffLimits } from "@/lib/exceptions/set-write-off-limits.ts";

export const PUT = apiRoute(ops.setWriteOffLimits, ({ params, body, principal, ip, requestId }) => {
  if (principal.kind !== "user") throw problem(403, "an admin sets write-off limits");
  return setWriteOffLimits(params.userId, body, { id: principal.user.id, email: principal.user.email, ip, requestId });
});
