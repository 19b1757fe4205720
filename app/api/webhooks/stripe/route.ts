import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { receiveStripeWebhook } from "@/lib/stripe/receive-stripe-webhook.ts";

// The raw text, not JSON: Stripe signs the exact bytes it sent.
export const POST = apiRoute(ops.receiveStripeWebhook, async ({ req }) => receiveStripeWebhook(await req.text(), req.headers.get("stripe-signature")));
