import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { signOffPeriod } from "@/lib/close/sign-off-period.ts";

export const POST = apiRoute(ops.createCloseSignOff, ({ body, principal, ip, requestId }) => {
  if (principal.kind !== "user") throw problem(403, "a period is signed off by a person");
  return signOffPeriod(body, { id: principal.user.id, name: principal.user.name, email: principal.user.email, ip, requestId });
});
