import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { decidePolicyChange } from "@/lib/cash-application/decide-policy-change.ts";

export const POST = apiRoute(ops.approvePolicyChange, ({ params, body, principal }) => {
  if (principal.kind !== "user") throw problem(403, "a person decides on matching-rule changes");
  return decidePolicyChange(params.id, "approve", body, principal.user);
});
