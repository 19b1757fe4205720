import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { rotateSubscriberSecret } from "@/lib/outbox/manage-subscriber.ts";

export const POST = apiRoute(ops.rotateWebhookSecret, ({ params, principal }) => {
  if (principal.kind !== "user") throw problem(403, "only a signed-in admin rotates secrets");
  return rotateSubscriberSecret(params.id, principal.user);
});
