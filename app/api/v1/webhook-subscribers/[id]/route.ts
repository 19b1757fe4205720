import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { deleteSubscriber, setSubscriberActive } from "@/lib/outbox/manage-subscriber.ts";

export const PATCH = apiRoute(ops.updateWebhookSubscriber, ({ params, body, principal }) => {
  if (principal.kind !== "user") throw problem(403, "only a signed-in admin manages subscribers");
  return setSubscriberActive(params.id, body.active, principal.user);
});
export const DELETE = apiRoute(ops.deleteWebhookSubscriber, ({ params, principal }) => {
  if (principal.kind !== "user") throw problem(403, "only a signed-in admin manages subscribers");
  return deleteSubscriber(params.id, principal.user);
});
