import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { rotateErpCredentials } from "@/lib/erp-connections/save-erp-connection.ts";

export const POST = apiRoute(ops.rotateErpCredentials, ({ params, body, principal, ip, requestId }) => {
  if (principal.kind !== "user") throw problem(403, "a signed-in admin rotates ERP credentials");
  return rotateErpCredentials(params.entity, body, { id: principal.user.id, email: principal.user.email, ip, requestId });
});
