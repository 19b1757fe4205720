// Every API operation, in one registry: route handlers take their schemas and access rule from here, the
// OpenAPI document is generated from it, and the role-matrix tests walk it.
import { z } from "zod";
import { AREAS } from "../auth/roles.ts";
import { defineOperation, type Operation } from "../http/operation.ts";
import { homeSummarySchema } from "../dashboards/get-home-summary.ts";
import { listReceiptsQuery, listReceiptsResponse } from "../receipts/list-receipts.ts";
import { listExceptionsQuery, listExceptionsResponse } from "../exceptions/list-exceptions.ts";
import {
  actionResult, applyBody, approveWriteOffBody, assignBody, commentBody, escalateBody, idParams, onAccountBody, rejectWriteOffBody,
  reverseBody, shortPayBody, splitBody, writeOffBody,
} from "../exceptions/action-schemas.ts";
import { workspaceSchema } from "../exceptions/workspace-schema.ts";
import { closeReturnedBody, correctPostingBody, decideRefundBody, disputeBody, refundBody, retryPostingBody } from "../exceptions/resolution-schemas.ts";
import { candidatesQuery, candidatesResponse } from "../exceptions/search-candidate-invoices.ts";
import { customersQuery, customersResponse } from "../exceptions/search-receipt-customers.ts";
import { receiptTimelineSchema } from "../receipts/timeline-schema.ts";
import { listSavedViewsResponse, saveViewBody, savedViewParams, savedViewSchema } from "../saved-views/saved-view-schemas.ts";
import { listAssigneesResponse } from "../users/list-assignees.ts";
import { listBankAccountsResponse } from "../bank-accounts/list-bank-accounts.ts";
import { listConnectorRunsQuery, listConnectorRunsResponse } from "../connectors/list-connector-runs.ts";
import { listAuditQuery, listAuditResponse } from "../audit/list-audit-log.ts";
import { unappliedAgingQuery, unappliedAgingResponse } from "../dashboards/get-unapplied-aging.ts";
import { postingLatencyQuery, postingLatencyResponse } from "../dashboards/get-posting-latency.ts";
import { exceptionResolutionQuery, exceptionResolutionResponse } from "../dashboards/get-exception-resolution.ts";
import { autoMatchRateQuery, autoMatchRateResponse } from "../dashboards/get-auto-match-rate.ts";
import { cashPositionQuery, cashPositionResponse } from "../dashboards/get-cash-position.ts";
import { closeReadinessQuery, closeReadinessResponse } from "../close/get-close-checklist.ts";
import { signOffBody, signOffResponse } from "../close/sign-off-period.ts";
import { connectorHealthResponse } from "../connectors/get-connector-health.ts";
import { listDeadLettersQuery, listDeadLettersResponse } from "../connectors/list-dead-letters.ts";
import { listUsersResponse, userRowSchema } from "../users/list-users.ts";
import {
  changeOwnPasswordBody, createUserBody, createUserResponse, passwordLinkSchema, redeemPasswordTokenBody, redeemPasswordTokenResponse, updateUserBody, userParams,
} from "../users/user-schemas.ts";
import { bankFileDetail, bankFileParams, listBankFilesQuery, listBankFilesResponse } from "../bank-ingestion/bank-file-schemas.ts";
import { receiveBankFileResponse } from "../bank-ingestion/receive-bank-file.ts";
import { BANK_FILE_UPLOADERS, ROLES } from "../auth/roles.ts";
import { replayBody, replayResponse } from "../replays/schemas.ts";
import { listPoliciesResponse, policyParams, policyView, updatePolicyBody } from "../cash-application/policy-schemas.ts";
import {
  createSubscriberBody, createSubscriberResponse, listDeliveriesResponse, listSubscribersResponse, rotateSecretResponse, subscriberParams,
  testSubscriberResponse, updateSubscriberBody,
} from "../outbox/schemas.ts";
import { apiKeyParams, createApiKeyBody, createApiKeyResponse, listApiKeysResponse } from "../api-keys/schemas.ts";
import { stripeWebhookResponse } from "../stripe/schemas.ts";
import { approveSignOffBody, rejectSignOffBody, signOffIdParams } from "../close/approve-sign-off.ts";
import { decideReopenBody, reopenDecision, reopenRequestBody } from "../close/reopen-period.ts";
import { decidePolicyChangeBody, listPolicyChangesResponse, policyChangeParams, policyChangeResult } from "../cash-application/policy-schemas.ts";
import { listWriteOffLimitsResponse, setWriteOffLimitsBody, userLimitsView, writeOffLimitUserParams } from "../exceptions/write-off-limit-schemas.ts";
import { billingEventsBody, billingEventsResponse } from "../billing/billing-event-schema.ts";
import { createCustomerMappingBody, createCustomerMappingResponse } from "../billing/map-billing-customer.ts";
import { importInvoicesResponse } from "../billing/import-invoice-csv.ts";
import { backtestResponse, forecastQuery, forecastResponse } from "../forecast/forecast-schemas.ts";

const session = (roles: readonly (typeof ROLES)[number][]) => ({ kind: "session" as const, roles });

export const ops = {
  health: defineOperation({
    id: "getHealth", method: "GET", path: "/api/v1/health", summary: "Liveness of the web process", tag: "System",
    access: { kind: "public" }, response: z.object({ status: z.literal("ok"), time: z.string() }),
  }),
  metrics: defineOperation({
    id: "getMetrics", method: "GET", path: "/api/metrics", summary: "Prometheus metrics of this web process and the system-wide gauges (bearer METRICS_TOKEN; off without it)", tag: "System",
    access: { kind: "public" },
    ownAuth: "Authorization: Bearer <METRICS_TOKEN>; without METRICS_TOKEN configured the endpoint answers 404",
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
    id: "listExceptions", method: "GET", path: "/api/v1/exceptions", summary: "The exception work queue: filter, search, sort, page", tag: "Exceptions",
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
  createUser: defineOperation({
    id: "createUser", method: "POST", path: "/api/v1/users", summary: "Create a user with a role (one-time link or temporary password)", tag: "Admin",
    access: session(AREAS.admin), body: createUserBody, response: createUserResponse, responseStatus: 201,
  }),
  updateUser: defineOperation({
    id: "updateUser", method: "PATCH", path: "/api/v1/users/{id}", summary: "Rename, change the role of, deactivate or reactivate a user", tag: "Admin",
    access: session(AREAS.admin), params: userParams, body: updateUserBody, response: userRowSchema,
  }),
  resetUserPassword: defineOperation({
    id: "resetUserPassword", method: "POST", path: "/api/v1/users/{id}/password-reset", summary: "Reset a password: old one void, one-time link (1 h)", tag: "Admin",
    access: session(AREAS.admin), params: userParams, response: passwordLinkSchema, responseStatus: 201,
  }),
  changeOwnPassword: defineOperation({
    id: "changeOwnPassword", method: "POST", path: "/api/v1/me/password", summary: "Change one's own password (ends other sessions)", tag: "System",
    access: session(AREAS.home), body: changeOwnPasswordBody, response: redeemPasswordTokenResponse,
  }),
  redeemPasswordToken: defineOperation({
    id: "redeemPasswordToken", method: "POST", path: "/api/v1/password-tokens/redeem", summary: "Choose a password through a one-time link", tag: "System",
    access: { kind: "public" }, body: redeemPasswordTokenBody, response: redeemPasswordTokenResponse,
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
  updateWebhookSubscriber: defineOperation({
    id: "updateWebhookSubscriber", method: "PATCH", path: "/api/v1/webhook-subscribers/{id}", summary: "Pause or resume a subscriber", tag: "Admin",
    access: session(AREAS.admin), params: subscriberParams, body: updateSubscriberBody, response: z.object({ id: z.string(), active: z.boolean() }),
  }),
  deleteWebhookSubscriber: defineOperation({
    id: "deleteWebhookSubscriber", method: "DELETE", path: "/api/v1/webhook-subscribers/{id}", summary: "Delete a subscriber (its pending deliveries are closed)", tag: "Admin",
    access: session(AREAS.admin), params: subscriberParams, response: z.object({ id: z.string(), deleted: z.literal(true) }),
  }),
  rotateWebhookSecret: defineOperation({
    id: "rotateWebhookSecret", method: "POST", path: "/api/v1/webhook-subscribers/{id}/rotate-secret", summary: "Replace a subscriber's signing secret (the new one is shown once)", tag: "Admin",
    access: session(AREAS.admin), params: subscriberParams, response: rotateSecretResponse,
  }),
  testWebhookSubscriber: defineOperation({
    id: "testWebhookSubscriber", method: "POST", path: "/api/v1/webhook-subscribers/{id}/test", summary: "Send a signed webhook.ping to a subscriber now", tag: "Admin",
    access: session(AREAS.admin), params: subscriberParams, response: testSubscriberResponse,
  }),
  receiveStripeWebhook: defineOperation({
    id: "receiveStripeWebhook", method: "POST", path: "/api/webhooks/stripe", summary: "Stripe webhook endpoint (payments, refunds, disputes, payouts)", tag: "Connectors",
    access: { kind: "public" },
    rawBody: {
      contentTypes: ["application/json"],
      description: "A Stripe event exactly as Stripe sends it, authenticated by the Stripe-Signature header (HMAC-SHA256 with STRIPE_WEBHOOK_SECRET, checked over the raw bytes). At most 256 KB (413 before the signature is checked). Bad or missing signature: 400 and nothing stored. A redelivered event id: 200, nothing changes. Handled: payment_intent.succeeded, charge.succeeded, charge.refunded, charge.dispute.created, charge.dispute.closed, payout.paid, payout.failed (a payout may carry `balance_transactions`, the list GET /v1/balance_transactions?payout= returns, for fee accounting); other types are kept and ignored.",
    },
    response: stripeWebhookResponse,
  }),
  createReplay: defineOperation({
    id: "createReplay", method: "POST", path: "/api/v1/replays", summary: "Re-run a failed job, or everything unfinished in a time range (idempotent)", tag: "Connectors",
    access: { kind: "api_key", scope: "replays", roles: ["AR_ANALYST", "TREASURY", "CONTROLLER", "ADMIN"] }, body: replayBody, response: replayResponse,
  }),
  // Dashboards and close readiness (issue 6). Each dashboard is one aggregate domain function in lib/dashboards/.
  getUnappliedAging: defineOperation({
    id: "getUnappliedAging", method: "GET", path: "/api/v1/dashboards/unapplied-aging", summary: "Unapplied cash by age bucket (from value date), entity and currency, with its daily trend", tag: "Dashboards",
    access: session(AREAS.dashboards), query: unappliedAgingQuery, response: unappliedAgingResponse,
  }),
  getPostingLatency: defineOperation({
    id: "getPostingLatency", method: "GET", path: "/api/v1/dashboards/posting-latency", summary: "Payment-to-posting latency percentiles per day and channel; receipts waiting longest", tag: "Dashboards",
    access: session(AREAS.dashboards), query: postingLatencyQuery, response: postingLatencyResponse,
  }),
  getExceptionResolution: defineOperation({
    id: "getExceptionResolution", method: "GET", path: "/api/v1/dashboards/exception-resolution", summary: "Exception resolution time per day, code and analyst", tag: "Dashboards",
    access: session(AREAS.dashboards), query: exceptionResolutionQuery, response: exceptionResolutionResponse,
  }),
  getAutoMatchRate: defineOperation({
    id: "getAutoMatchRate", method: "GET", path: "/api/v1/dashboards/auto-match-rate", summary: "Receipts applied by the engine vs by people vs in exceptions, per arrival day", tag: "Dashboards",
    access: session(AREAS.dashboards), query: autoMatchRateQuery, response: autoMatchRateResponse,
  }),
  getCashPosition: defineOperation({
    id: "getCashPosition", method: "GET", path: "/api/v1/dashboards/cash-position", summary: "Cash position per bank account and currency: statement balances, received today, payouts in transit, invoices due, bank vs ERP", tag: "Cash",
    access: session(AREAS.cash), query: cashPositionQuery, response: cashPositionResponse,
  }),
  getCloseReadiness: defineOperation({
    id: "getCloseReadiness", method: "GET", path: "/api/v1/close/readiness", summary: "Close checklist per entity for a month, with the sign-off if any", tag: "Close",
    access: session(AREAS.close), query: closeReadinessQuery, response: closeReadinessResponse,
  }),
  createCloseSignOff: defineOperation({
    id: "createCloseSignOff", method: "POST", path: "/api/v1/close/sign-offs", summary: "Sign a period off for an entity (refused while items block, unless justified in writing)", tag: "Close",
    access: session(AREAS.close), body: signOffBody, response: signOffResponse, responseStatus: 201,
  }),
  getConnectorHealth: defineOperation({
    id: "getConnectorHealth", method: "GET", path: "/api/v1/connectors/health", summary: "Each connector's last run, lag, failures in 24 h and status", tag: "Connectors",
    access: session(AREAS.connectors), response: connectorHealthResponse,
  }),
  listDeadLetters: defineOperation({
    id: "listDeadLetters", method: "GET", path: "/api/v1/connectors/dead-letters", summary: "Jobs waiting in dead-letter queues, for replay", tag: "Connectors",
    access: session(AREAS.connectors), query: listDeadLettersQuery, response: listDeadLettersResponse,
  }),
  // The AR analyst's work queue and receipt workspace (issue 6). Every action: zod body, exceptions roles, audited,
  // state changes through transitionReceipt; the receipt version in the body turns a lost race into a 409.
  getException: defineOperation({
    id: "getException", method: "GET", path: "/api/v1/exceptions/{id}", summary: "A case (or a receipt) with everything its workspace shows", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, response: workspaceSchema,
  }),
  assignExceptions: defineOperation({
    id: "assignExceptions", method: "POST", path: "/api/v1/exceptions/assign", summary: "Assign one or many cases to a person, to me, or to nobody", tag: "Exceptions",
    access: session(AREAS.exceptions), body: assignBody,
    response: z.object({ assigned: z.number().int(), skipped: z.array(z.string()), assignee: z.object({ id: z.string(), name: z.string() }).nullable() }),
  }),
  escalateException: defineOperation({
    id: "escalateException", method: "POST", path: "/api/v1/exceptions/{id}/escalate", summary: "Escalate a case to someone with a note", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: escalateBody, response: actionResult,
  }),
  commentException: defineOperation({
    id: "commentException", method: "POST", path: "/api/v1/exceptions/{id}/comments", summary: "Comment on a case", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: commentBody, response: actionResult, responseStatus: 201,
  }),
  approveWriteOff: defineOperation({
    id: "approveWriteOff", method: "POST", path: "/api/v1/exceptions/{id}/write-off/approve", summary: "Approve a pending write-off (not its proposer; within your own limit)", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: approveWriteOffBody, response: actionResult,
  }),
  rejectWriteOff: defineOperation({
    id: "rejectWriteOff", method: "POST", path: "/api/v1/exceptions/{id}/write-off/reject", summary: "Reject a pending write-off (its proposer withdraws it)", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: rejectWriteOffBody, response: actionResult,
  }),
  listReceiptCandidates: defineOperation({
    id: "listReceiptCandidates", method: "GET", path: "/api/v1/receipts/{id}/candidates", summary: "Candidate invoices for a receipt, ranked; searchable across customers", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, query: candidatesQuery, response: candidatesResponse,
  }),
  listReceiptCustomers: defineOperation({
    id: "listReceiptCustomers", method: "GET", path: "/api/v1/receipts/{id}/customers", summary: "Customers of the receipt's entity (for on-account and split parts)", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, query: customersQuery, response: customersResponse,
  }),
  applyReceipt: defineOperation({
    id: "applyReceipt", method: "POST", path: "/api/v1/receipts/{id}/apply", summary: "Apply a receipt to one or several invoices (full or partial)", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: applyBody, response: actionResult,
  }),
  splitReceipt: defineOperation({
    id: "splitReceipt", method: "POST", path: "/api/v1/receipts/{id}/split", summary: "Split a receipt across invoices and customers; the parts must add up to it exactly", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: splitBody, response: actionResult,
  }),
  shortPayReceipt: defineOperation({
    id: "shortPayReceipt", method: "POST", path: "/api/v1/receipts/{id}/short-pay", summary: "Apply partially and record the rest of each invoice as a deduction", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: shortPayBody, response: actionResult,
  }),
  putReceiptOnAccount: defineOperation({
    id: "putReceiptOnAccount", method: "POST", path: "/api/v1/receipts/{id}/on-account", summary: "Hold a receipt's cash on account for a customer", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: onAccountBody, response: actionResult,
  }),
  writeOffReceipt: defineOperation({
    id: "writeOffReceipt", method: "POST", path: "/api/v1/receipts/{id}/write-off", summary: "Write off a shortfall or excess: at once within your limit, else sent for approval", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: writeOffBody, response: actionResult,
  }),
  // Issue 11: a way out for every exception code.
  retryPosting: defineOperation({
    id: "retryPosting", method: "POST", path: "/api/v1/exceptions/{id}/retry-posting", summary: "POSTING_FAILED / STALLED: send the failed posting to the ERP again (same idempotency key)", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: retryPostingBody, response: actionResult,
  }),
  correctPosting: defineOperation({
    id: "correctPosting", method: "POST", path: "/api/v1/exceptions/{id}/correct-posting", summary: "POSTING_FAILED: correct the customer account, bank GL account or date the ERP refused, then post again", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: correctPostingBody, response: actionResult,
  }),
  closeReturnedPayment: defineOperation({
    id: "closeReturnedPayment", method: "POST", path: "/api/v1/exceptions/{id}/close-returned", summary: "RETURNED: reverse the applications (invoices re-open), tell collections, close with a note", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: closeReturnedBody, response: actionResult,
  }),
  recordDisputeStep: defineOperation({
    id: "recordDisputeStep", method: "POST", path: "/api/v1/exceptions/{id}/dispute", summary: "CHARGEBACK: open the dispute, submit evidence, record won or lost (re-open the invoice or write off)", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: disputeBody, response: actionResult,
  }),
  requestRefund: defineOperation({
    id: "requestRefund", method: "POST", path: "/api/v1/receipts/{id}/refund", summary: "Refund unapplied cash to the payer (above your limit: sent for approval)", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: refundBody, response: actionResult,
  }),
  approveRefund: defineOperation({
    id: "approveRefund", method: "POST", path: "/api/v1/refunds/{id}/approve", summary: "Approve a refund above its requester's limit (not the requester; within your own limit)", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: decideRefundBody, response: actionResult,
  }),
  confirmRefund: defineOperation({
    id: "confirmRefund", method: "POST", path: "/api/v1/refunds/{id}/confirm", summary: "The payments system paid the refund: book it out of refunds payable and close the case", tag: "Exceptions",
    access: session([...AREAS.exceptions, "TREASURY"]), params: idParams, body: decideRefundBody, response: actionResult,
  }),
  cancelRefund: defineOperation({
    id: "cancelRefund", method: "POST", path: "/api/v1/refunds/{id}/cancel", summary: "Cancel a refund (a booked one is undone: the cash is unapplied again)", tag: "Exceptions",
    access: session([...AREAS.exceptions, "TREASURY"]), params: idParams, body: decideRefundBody, response: actionResult,
  }),
  getReceiptTimeline: defineOperation({
    id: "getReceiptTimeline", method: "GET", path: "/api/v1/receipts/{id}/timeline", summary: "A payment's timeline across systems, owner, applications, journal and cases", tag: "Payments",
    access: session(AREAS.payments), params: idParams, response: receiptTimelineSchema,
  }),
  reverseApplication: defineOperation({
    id: "reverseApplication", method: "POST", path: "/api/v1/applications/{id}/reverse", summary: "Unapply: reverse an application (and what was booked with it on the same invoice)", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: reverseBody, response: actionResult,
  }),
  revokeLearnedPayer: defineOperation({
    id: "revokeLearnedPayer", method: "POST", path: "/api/v1/learned-payers/{id}/revoke", summary: "Revoke a payer → customer link Cashline learned from an analyst", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, response: z.object({ id: z.string(), revokedAt: z.string() }),
  }),
  listAssignees: defineOperation({
    id: "listAssignees", method: "GET", path: "/api/v1/assignees", summary: "People cases can be assigned or escalated to", tag: "Exceptions",
    access: session(AREAS.exceptions), response: listAssigneesResponse,
  }),
  listSavedViews: defineOperation({
    id: "listSavedViews", method: "GET", path: "/api/v1/saved-views", summary: "My saved views of the exception queue", tag: "Exceptions",
    access: session(AREAS.exceptions), response: listSavedViewsResponse,
  }),
  saveSavedView: defineOperation({
    id: "saveSavedView", method: "POST", path: "/api/v1/saved-views", summary: "Save a view of the exception queue (overwrites one of the same name)", tag: "Exceptions",
    access: session(AREAS.exceptions), body: saveViewBody, response: savedViewSchema, responseStatus: 201,
  }),
  deleteSavedView: defineOperation({
    id: "deleteSavedView", method: "DELETE", path: "/api/v1/saved-views/{id}", summary: "Delete one of my saved views", tag: "Exceptions",
    access: session(AREAS.exceptions), params: savedViewParams, response: z.object({ id: z.string(), deleted: z.literal(true) }),
  }),
  receiveBillingEvents: defineOperation({
    id: "receiveBillingEvents", method: "POST", path: "/api/v1/billing/events", summary: "Billing platform events: invoice.issued, invoice.voided, credit_memo.issued (one or a batch of up to 500)", tag: "Connectors",
    access: { kind: "api_key", scope: "billing:events" }, body: billingEventsBody, response: billingEventsResponse, auditAction: "billing.events.received",
    maxBodyBytes: 4 * 1024 * 1024,
  }),
  importBillingInvoices: defineOperation({
    id: "importBillingInvoices", method: "POST", path: "/api/v1/billing/invoices/import", summary: "Import an invoice backfill CSV (all or nothing)", tag: "Connectors",
    access: session(AREAS.billing),
    rawBody: {
      contentTypes: ["text/csv"],
      description: "Header row, then one invoice per row. Columns: invoice_number, customer_id (billing customer id, must be mapped), entity (e.g. US01), currency (ISO 4217), amount (decimal, e.g. 1250.00), issue_date, due_date (YYYY-MM-DD), po_number (optional). Any problem: 422 with `errors` [{line, column, message}] and nothing imported. The same file again (SHA-256) or invoices already known (entity + number) change nothing. Up to 10 MB (413 as soon as the body passes it); optional header X-Filename.",
    },
    response: importInvoicesResponse,
  }),
  createCustomerMapping: defineOperation({
    id: "createCustomerMapping", method: "POST", path: "/api/v1/customer-mappings", summary: "Map a billing customer to its ERP customer and release the events held for it", tag: "Connectors",
    access: session(AREAS.billing), body: createCustomerMappingBody, response: createCustomerMappingResponse,
  }),
  // Bank statement files (issue 3): upload by people or by the bank's machine client, then follow processing.
  uploadBankStatement: defineOperation({
    id: "uploadBankStatement", method: "POST", path: "/api/v1/bank-statements", summary: "Upload a bank statement file (camt.052/053/054, BAI2, MT940/MT942, NACHA); processed in the background", tag: "Connectors",
    access: { kind: "api_key", scope: "bank:statements", roles: BANK_FILE_UPLOADERS },
    rawBody: {
      contentTypes: ["multipart/form-data", "application/octet-stream", "application/xml", "text/plain"],
      description: "multipart/form-data with the file in field `file`, or the file itself as the body (any content type; name from `?filename=` or Content-Disposition). Up to BANK_UPLOAD_MAX_BYTES (200 MB), else 413. 202 with the new document; the same bytes again: 200 with `duplicate: true` and the first document's id.",
    },
    response: receiveBankFileResponse, responseStatus: 202, auditAction: "bank_file.uploaded",
  }),
  listBankStatements: defineOperation({
    id: "listBankStatements", method: "GET", path: "/api/v1/bank-statements", summary: "Bank files with status, progress and quarantine error", tag: "Connectors",
    access: { kind: "api_key", scope: "bank:statements", roles: AREAS.bankFiles }, query: listBankFilesQuery, response: listBankFilesResponse,
  }),
  getBankStatement: defineOperation({
    id: "getBankStatement", method: "GET", path: "/api/v1/bank-statements/{id}", summary: "A bank file: statements with balance and control checks, lines, receipts, cases opened, error", tag: "Connectors",
    access: { kind: "api_key", scope: "bank:statements", roles: AREAS.bankFiles }, params: bankFileParams, response: bankFileDetail,
  }),
  listMatchingPolicies: defineOperation({
    id: "listMatchingPolicies", method: "GET", path: "/api/v1/matching-policies", summary: "Cash-application rules per legal entity (tolerances, strategies, auto-post threshold)", tag: "Cash application",
    access: session(["AR_ANALYST", "CONTROLLER", "ADMIN"]), response: listPoliciesResponse,
  }),
  updateMatchingPolicy: defineOperation({
    id: "updateMatchingPolicy", method: "PUT", path: "/api/v1/matching-policies/{entity}", summary: "Put a new version of an entity's cash-application rules in force", tag: "Cash application",
    access: session(["CONTROLLER", "ADMIN"]), params: policyParams, body: updatePolicyBody, response: policyChangeResult,
  }),
  // Financial controls (controls issue, findings 2, 9, 12): policy approvals, write-off limits, close sign-off and reopen.
  listPolicyChanges: defineOperation({
    id: "listPolicyChanges", method: "GET", path: "/api/v1/matching-policy-changes", summary: "Matching-policy changes waiting for a second person", tag: "Cash application",
    access: session(["AR_ANALYST", "CONTROLLER", "ADMIN"]), response: listPolicyChangesResponse,
  }),
  approvePolicyChange: defineOperation({
    id: "approvePolicyChange", method: "POST", path: "/api/v1/matching-policy-changes/{id}/approve", summary: "Approve a change that loosens automatic matching (not its requester; hard caps hold)", tag: "Cash application",
    access: session(["CONTROLLER", "ADMIN"]), params: policyChangeParams, body: decidePolicyChangeBody, response: policyChangeResult,
  }),
  rejectPolicyChange: defineOperation({
    id: "rejectPolicyChange", method: "POST", path: "/api/v1/matching-policy-changes/{id}/reject", summary: "Reject (or, its requester, withdraw) a pending matching-policy change", tag: "Cash application",
    access: session(["CONTROLLER", "ADMIN"]), params: policyChangeParams, body: decidePolicyChangeBody, response: policyChangeResult,
  }),
  listWriteOffLimits: defineOperation({
    id: "listWriteOffLimits", method: "GET", path: "/api/v1/write-off-limits", summary: "Every user's write-off limits per currency", tag: "Admin",
    access: session(AREAS.admin), response: listWriteOffLimitsResponse,
  }),
  setWriteOffLimits: defineOperation({
    id: "setWriteOffLimits", method: "PUT", path: "/api/v1/write-off-limits/{userId}", summary: "Set a user's write-off limits per currency (the whole set; audited)", tag: "Admin",
    access: session(AREAS.admin), params: writeOffLimitUserParams, body: setWriteOffLimitsBody, response: userLimitsView,
  }),
  approveCloseSignOff: defineOperation({
    id: "approveCloseSignOff", method: "POST", path: "/api/v1/close/sign-offs/{id}/approve", summary: "Second signature: lock a prepared period (another person; a reason of your own to override blockers)", tag: "Close",
    access: session(AREAS.close), params: signOffIdParams, body: approveSignOffBody, response: signOffResponse,
  }),
  rejectCloseSignOff: defineOperation({
    id: "rejectCloseSignOff", method: "POST", path: "/api/v1/close/sign-offs/{id}/reject", summary: "Reject a prepared sign-off (nothing is locked)", tag: "Close",
    access: session(AREAS.close), params: signOffIdParams, body: rejectSignOffBody, response: z.object({ id: z.string(), status: z.literal("REJECTED") }),
  }),
  requestPeriodReopen: defineOperation({
    id: "requestPeriodReopen", method: "POST", path: "/api/v1/close/reopen-requests", summary: "Ask to reopen a signed-off period (a different controller or admin approves)", tag: "Close",
    access: session(AREAS.close), body: reopenRequestBody, response: reopenDecision, responseStatus: 201,
  }),
  approvePeriodReopen: defineOperation({
    id: "approvePeriodReopen", method: "POST", path: "/api/v1/close/reopen-requests/{id}/approve", summary: "Approve reopening a period (not its requester)", tag: "Close",
    access: session(AREAS.close), params: signOffIdParams, body: decideReopenBody, response: reopenDecision,
  }),
  rejectPeriodReopen: defineOperation({
    id: "rejectPeriodReopen", method: "POST", path: "/api/v1/close/reopen-requests/{id}/reject", summary: "Reject (or, its requester, withdraw) a request to reopen a period", tag: "Close",
    access: session(AREAS.close), params: signOffIdParams, body: decideReopenBody, response: reopenDecision,
  }),
  getCashForecast: defineOperation({
    id: "getCashForecast", method: "GET", path: "/api/v1/forecast", summary: "Expected receipts per day and week for the next 13 weeks (P10/P50/P90 and expected) with the customers who drive them", tag: "Cash",
    access: session(AREAS.forecast), query: forecastQuery, response: forecastResponse,
  }),
  getForecastBacktest: defineOperation({
    id: "getForecastBacktest", method: "GET", path: "/api/v1/forecast/backtest", summary: "The forecast's error over the last 8 weeks, each forecast from what was known at its start (MAPE, bias)", tag: "Cash",
    access: session(AREAS.forecast), query: forecastQuery, response: backtestResponse,
  }),
} satisfies Record<string, Operation>;

export const allOperations: Operation[] = Object.values(ops);
