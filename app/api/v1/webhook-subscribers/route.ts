import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { listSubscribers } from "@/lib/outbox/list-subscribers.ts";
import { createSubscriber } from "@/lib/outbox/create-subscriber.ts";

export const GET = apiRoute(ops.listWebhookSubscribers, () => listSubscribers());
export const POST = apiRoute(ops.createWebhookSubscriber, ({ body, principal }) => {
  if (principal.kind !== "user") throw problem(403, "only a signed-in admin registers subscribers");
  return createSubscriber(body, principal.user);
});
