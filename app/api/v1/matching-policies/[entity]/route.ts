import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { updateMatchingPolicy } from "@/lib/cash-application/update-matching-policy.ts";

export const PUT = apiRoute(ops.updateMatchingPolicy, ({ params, body, principal }) => {
  if (principal.kind !== "user") throw problem(403, "only a signed-in controller or admin changes matching rules");
  return updateMatchingPolicy(params.entity, body, principal.user);
});
