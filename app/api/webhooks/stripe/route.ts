import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { readTextBody } from "@/lib/http/read-body.ts";
import { STRIPE_WEBHOOK_MAX_BYTES } from "@/lib/stripe/schemas.ts";
import { receiveStripeWebhook } from "@/lib/stripe/receive-stripe-webhook.ts";

// The raw text, not JSON: Stripe signs the exact bytes it sent. Public endpoint: the body is bounded (413) before
// the signature is checked, so an unauthenticated caller cannot make the server hold a large body.
export const POST = apiRoute(ops.receiveStripeWebhook, async ({ req }) =>
  receiveStripeWebhook(await readTextBody(req, { maxBytes: STRIPE_WEBHOOK_MAX_BYTES, what: "Stripe event" }), req.headers.get("stripe-signature")));
