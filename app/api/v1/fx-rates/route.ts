import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { setFxRate } from "@/lib/fx/set-fx-rate.ts";

export const POST = apiRoute(ops.setFxRate, ({ body, principal, ip, requestId }) => {
  if (principal.kind !== "user") throw problem(403, "rates are entered by a signed-in person");
  return setFxRate(body, { actorType: "user", actorId: principal.user.id, actorLabel: principal.user.email, ip, requestId });
});
