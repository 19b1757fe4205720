import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { receiveBillingEvents } from "@/lib/billing/receive-billing-events.ts";

export const POST = apiRoute(ops.receiveBillingEvents, ({ body, principal }) => receiveBillingEvents(body, principal));
