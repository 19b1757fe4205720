// Every API operation, in one registry: route handlers take their schemas and access rule from here, the
// OpenAPI document is generated from it, and the role-matrix tests walk it.
import { z } from "zod";
import { AREAS } from "../auth/roles.ts";
import { defineOperation, type Operation } from "../http/operation.ts";
import { homeSummarySchema } from "../dashboard/get-home-summary.ts";
import { listReceiptsQuery, listReceiptsResponse } from "../receipts/list-receipts.ts";
import { listExceptionsQuery, listExceptionsResponse } from "../exceptions/list-exceptions.ts";
import { listBankAccountsResponse } from "../bank-accounts/list-bank-accounts.ts";
import { listConnectorRunsQuery, listConnectorRunsResponse } from "../connectors/list-connector-runs.ts";
import { listAuditQuery, listAuditResponse } from "../audit/list-audit-log.ts";
import { listUsersResponse } from "../users/list-users.ts";
import { ROLES } from "../auth/roles.ts";
import { replayBody, replayResponse } from "../replays/schemas.ts";
import { createSubscriberBody, createSubscriberResponse, listDeliveriesResponse, listSubscribersResponse, subscriberParams } from "../outbox/schemas.ts";
import { apiKeyParams, createApiKeyBody, createApiKeyResponse, listApiKeysResponse } from "../api-keys/schemas.ts";
import { stripeWebhookResponse } from "../stripe/schemas.ts";

const session = (roles: readonly (typeof ROLES)[number][]) => ({ kind: "session" as const, roles });

export const ops = {
  health: defineOperation({
    id: "getHealth", method: "GET", path: "/api/v1/health", summary: "Liveness of the web process", tag: "System",
    access: { kind: "public" }, response: z.object({ status: z.literal("ok"), time: z.string() }),
  }),
  openapi: defineOperation({
    id: "getOpenApi", method: "GET", path: "/api/v1/openapi.json", summary: "This OpenAPI 3.1 document", tag: "System",
    access: { kind: "public" },
  }),
  me: defineOperation({
    id: "getMe", method: "GET", path: "/api/v1/me", summary: "The signed-in user", tag: "System",
    access: session(AREAS.home),
    response: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES) }),
  }),
  summary: defineOperation({
    id: "getHomeSummary", method: "GET", path: "/api/v1/summary", summary: "Counts for the home page", tag: "Dashboards",
    access: session(AREAS.home), response: homeSummarySchema,
  }),
  listReceipts: defineOperation({
    id: "listReceipts", method: "GET", path: "/api/v1/receipts", summary: "Receipts with workflow position and age", tag: "Payments",
    access: session(AREAS.payments), query: listReceiptsQuery, response: listReceiptsResponse,
  }),
  listExceptions: defineOperation({
    id: "listExceptions", method: "GET", path: "/api/v1/exceptions", summary: "The exception work queue", tag: "Exceptions",
    access: session(AREAS.exceptions), query: listExceptionsQuery, response: listExceptionsResponse,
  }),
  listBankAccounts: defineOperation({
    id: "listBankAccounts", method: "GET", path: "/api/v1/bank-accounts", summary: "Bank accounts with latest balances", tag: "Cash",
    access: session(AREAS.cash), response: listBankAccountsResponse,
  }),
  listConnectorRuns: defineOperation({
    id: "listConnectorRuns", method: "GET", path: "/api/v1/connector-runs", summary: "Recent connector runs", tag: "Connectors",
    access: session(AREAS.connectors), query: listConnectorRunsQuery, response: listConnectorRunsResponse,
  }),
  listAuditLog: defineOperation({
    id: "listAuditLog", method: "GET", path: "/api/v1/audit-log", summary: "Search the audit log", tag: "Audit",
    access: session(AREAS.audit), query: listAuditQuery, response: listAuditResponse,
  }),
  listUsers: defineOperation({
    id: "listUsers", method: "GET", path: "/api/v1/users", summary: "Users and roles", tag: "Admin",
    access: session(AREAS.admin), response: listUsersResponse,
  }),
  listApiKeys: defineOperation({
    id: "listApiKeys", method: "GET", path: "/api/v1/api-keys", summary: "Machine-client API keys", tag: "Admin",
    access: session(AREAS.admin), response: listApiKeysResponse,
  }),
  createApiKey: defineOperation({
    id: "createApiKey", method: "POST", path: "/api/v1/api-keys", summary: "Issue an API key for an outside system", tag: "Admin",
    access: session(AREAS.admin), body: createApiKeyBody, response: createApiKeyResponse, responseStatus: 201,
  }),
  revokeApiKey: defineOperation({
    id: "revokeApiKey", method: "DELETE", path: "/api/v1/api-keys/{id}", summary: "Revoke an API key", tag: "Admin",
    access: session(AREAS.admin), params: apiKeyParams, response: z.object({ id: z.string(), revokedAt: z.string() }),
  }),
  listWebhookSubscribers: defineOperation({
    id: "listWebhookSubscribers", method: "GET", path: "/api/v1/webhook-subscribers", summary: "Downstream webhook subscribers", tag: "Admin",
    access: session(AREAS.admin), response: listSubscribersResponse,
  }),
  createWebhookSubscriber: defineOperation({
    id: "createWebhookSubscriber", method: "POST", path: "/api/v1/webhook-subscribers", summary: "Register a subscriber for signed event webhooks", tag: "Admin",
    access: session(AREAS.admin), body: createSubscriberBody, response: createSubscriberResponse, responseStatus: 201,
  }),
  listWebhookDeliveries: defineOperation({
    id: "listWebhookDeliveries", method: "GET", path: "/api/v1/webhook-subscribers/{id}/deliveries", summary: "A subscriber's delivery log", tag: "Admin",
    access: session(AREAS.admin), params: subscriberParams, response: listDeliveriesResponse,
  }),
  receiveStripeWebhook: defineOperation({
    id: "receiveStripeWebhook", method: "POST", path: "/api/webhooks/stripe", summary: "Stripe webhook endpoint (payments, refunds, disputes, payouts)", tag: "Connectors",
    access: { kind: "public" },
    rawBody: {
      contentTypes: ["application/json"],
      description: "A Stripe event exactly as Stripe sends it, authenticated by the Stripe-Signature header (HMAC-SHA256 with STRIPE_WEBHOOK_SECRET, checked over the raw bytes). Bad or missing signature: 400 and nothing stored. A redelivered event id: 200, nothing changes. Handled: payment_intent.succeeded, charge.succeeded, charge.refunded, charge.dispute.created, charge.dispute.closed, payout.paid, payout.failed (a payout may carry `balance_transactions`, the list GET /v1/balance_transactions?payout= returns, for fee accounting); other types are kept and ignored.",
    },
    response: stripeWebhookResponse,
  }),
  createReplay: defineOperation({
    id: "createReplay", method: "POST", path: "/api/v1/replays", summary: "Re-run a failed job, or everything unfinished in a time range (idempotent)", tag: "Connectors",
    access: { kind: "api_key", scope: "replays", roles: ["AR_ANALYST", "TREASURY", "CONTROLLER", "ADMIN"] }, body: replayBody, response: replayResponse,
  }),
} satisfies Record<string, Operation>;

export const allOperations: Operation[] = Object.values(ops);
