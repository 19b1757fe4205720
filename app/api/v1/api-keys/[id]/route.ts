import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key.ts";

export const DELETE = apiRoute(ops.revokeApiKey, ({ params, principal }) => {
  if (principal.kind !== "user") throw problem(403, "only a signed-in admin may revoke keys");
  return revokeApiKey(params.id, principal.user);
});
