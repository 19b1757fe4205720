import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { sendTestPing } from "@/lib/outbox/send-test-ping.ts";

export const POST = apiRoute(ops.testWebhookSubscriber, ({ params, principal }) => {
  if (principal.kind !== "user") throw problem(403, "only a signed-in admin tests subscribers");
  return sendTestPing(params.id, principal.user);
});
