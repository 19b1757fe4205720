import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { decidePeriodReopen } from "@/lib/close/reopen-period.ts";

export const POST = apiRoute(ops.approvePeriodReopen, ({ params, body, principal, ip, requestId }) => {
  if (principal.kind !== "user") throw problem(403, "a person decides on reopening a period");
  return decidePeriodReopen(params.id, "approve", body, { id: principal.user.id, name: principal.user.name, email: principal.user.email, ip, requestId });
});
