import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { rollbackMatchingPolicy } from "@/lib/cash-application/rollback-matching-policy.ts";

export const POST = apiRoute(ops.rollbackMatchingPolicy, ({ params, body, principal }) => {
  if (principal.kind !== "user") throw problem(403, "a person rolls back matching rules");
  return rollbackMatchingPolicy(params.entity, body, principal.user);
});
