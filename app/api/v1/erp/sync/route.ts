import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { requestErpSync } from "@/lib/erp-sync/request-erp-sync.ts";

export const POST = apiRoute(ops.requestErpSync, ({ body, principal, requestId }) =>
  requestErpSync(body, principal.kind === "user"
    ? { type: "user", id: principal.user.id, label: principal.user.email, requestId }
    : { type: "api_key", id: principal.keyId, label: principal.label, requestId }));
