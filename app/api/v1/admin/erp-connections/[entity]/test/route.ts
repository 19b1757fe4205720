import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { testErpConnection } from "@/lib/erp-connections/test-erp-connection.ts";

export const POST = apiRoute(ops.testErpConnection, ({ params, principal, ip, requestId }) => {
  if (principal.kind !== "user") throw problem(403, "a signed-in admin tests ERP connections");
  return testErpConnection(params.entity, { id: principal.user.id, email: principal.user.email, ip, requestId });
});
