import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { setReportingCurrency } from "@/lib/fx/reporting-currency.ts";

export const PUT = apiRoute(ops.setReportingCurrency, ({ body, principal, ip, requestId }) => {
  if (principal.kind !== "user") throw problem(403, "an admin sets the reporting currency");
  return setReportingCurrency(body.currency, { actorType: "user", actorId: principal.user.id, actorLabel: principal.user.email, ip, requestId });
});
