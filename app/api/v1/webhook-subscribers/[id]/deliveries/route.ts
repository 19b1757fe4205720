import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listDeliveries } from "@/lib/outbox/list-subscribers.ts";

export const GET = apiRoute(ops.listWebhookDeliveries, ({ params }) => listDeliveries(params.id));
