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
import { crossCurrencyBody, crossCurrencyPreview, crossCurrencyQuery } from "../exceptions/cross-currency-schemas.ts";
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
import { decidePolicyChangeBody, learnedPayersDraftBody, listPolicyChangesQuery, listPolicyChangesResponse, policyChangeParams, policyChangeResult, rollbackPolicyBody } from "../cash-application/policy-schemas.ts";
import { backtestParams, backtestRowsQuery, backtestRowsResponse, backtestView, runBacktestBody } from "../backtest/backtest-schemas.ts";
import { listWriteOffLimitsResponse, setWriteOffLimitsBody, userLimitsView, writeOffLimitUserParams } from "../exceptions/write-off-limit-schemas.ts";
import { billingEventsBody, billingEventsResponse } from "../billing/billing-event-schema.ts";
import { createCustomerMappingBody, createCustomerMappingResponse } from "../billing/map-billing-customer.ts";
import { importInvoicesResponse } from "../billing/import-invoice-csv.ts";
import { ingestRemittanceResponse } from "../remittance/ingest-remittance.ts";
import * as ded from "../deductions/deduction-schemas.ts";
import { remittanceSettingsBody, remittanceSettingsResponse } from "../remittance/update-remittance-settings.ts";
import { confirmColumnMappingBody, confirmColumnMappingResponse } from "../remittance/confirm-column-mapping.ts";
import {
  erpConnectionParams, erpConnectionView, listErpConnectionsResponse, putErpConnectionBody, rotateErpCredentialsBody, testErpConnectionResponse,
} from "../erp-connections/schemas.ts";
import { erpSyncBody, erpSyncResponse, resolveErpDriftBody } from "../erp-sync/erp-sync-schemas.ts";
import { invoiceTimelineSchema } from "../invoices/invoice-timeline-schema.ts";
import { fxImportResponse, fxRateView, reportingCurrencyView } from "../fx/fx-api-schemas.ts";
import { setFxRateBody } from "../fx/set-fx-rate.ts";
import { setReportingCurrencyBody } from "../fx/reporting-currency.ts";
import { fxRevaluationQuery, fxRevaluationResponse } from "../fx/get-fx-revaluation.ts";
import { consolidatedCashResponse } from "../fx/get-consolidated-cash.ts";
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
  previewCrossCurrency: defineOperation({
    id: "previewCrossCurrency", method: "GET", path: "/api/v1/receipts/{id}/cross-currency", summary: "What applying the receipt to an invoice in another currency would do: both amounts, the rate (day, source), the realised FX", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, query: crossCurrencyQuery, response: crossCurrencyPreview,
  }),
  applyCrossCurrency: defineOperation({
    id: "applyCrossCurrency", method: "POST", path: "/api/v1/receipts/{id}/cross-currency", summary: "Apply a receipt to an invoice in another currency at the value date's rate, when the entity's policy allows it", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: crossCurrencyBody, response: actionResult,
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
    maxBodyBytes: 4 * 1024 * 1024, shedWhenBusy: true,
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
    id: "updateMatchingPolicy", method: "PUT", path: "/api/v1/matching-policies/{entity}", summary: "Save a draft change of an entity's cash-application rules (never in force until backtested and approved by a second person)", tag: "Cash application",
    access: session(["CONTROLLER", "ADMIN"]), params: policyParams, body: updatePolicyBody, response: policyChangeResult,
  }),
  // Financial controls (controls issue, findings 2, 9, 12): policy approvals, write-off limits, close sign-off and reopen.
  listPolicyChanges: defineOperation({
    id: "listPolicyChanges", method: "GET", path: "/api/v1/matching-policy-changes", summary: "Drafts of matching rules and learned payers (waiting, or decided), with their latest backtest", tag: "Cash application",
    access: session(["AR_ANALYST", "CONTROLLER", "ADMIN"]), query: listPolicyChangesQuery, response: listPolicyChangesResponse,
  }),
  draftLearnedPayers: defineOperation({
    id: "draftLearnedPayers", method: "POST", path: "/api/v1/learned-payer-drafts", summary: "Gather an entity's proposed payer identities (and any to revoke) into one draft for backtest and approval", tag: "Cash application",
    access: session(["CONTROLLER", "ADMIN"]), body: learnedPayersDraftBody, response: policyChangeResult, responseStatus: 201,
  }),
  runPolicyBacktest: defineOperation({
    id: "runPolicyBacktest", method: "POST", path: "/api/v1/matching-policy-changes/{id}/backtest", summary: "Backtest a draft against the live policy over past receipts (default: the last 90 days), each decided as of its arrival", tag: "Cash application",
    access: session(["CONTROLLER", "ADMIN"]), params: policyChangeParams, body: runBacktestBody, response: backtestView, responseStatus: 201,
  }),
  getPolicyBacktest: defineOperation({
    id: "getPolicyBacktest", method: "GET", path: "/api/v1/policy-backtests/{id}", summary: "A backtest's figures: automation, precision, wrong postings and write-offs per side; by entity, code and customer", tag: "Cash application",
    access: session(["AR_ANALYST", "CONTROLLER", "ADMIN"]), params: backtestParams, response: backtestView,
  }),
  getPolicyBacktestRows: defineOperation({
    id: "getPolicyBacktestRows", method: "GET", path: "/api/v1/policy-backtests/{id}/rows", summary: "A backtest's per-receipt diff (changed receipts, or the draft's wrong postings), sortable; format=csv exports it", tag: "Cash application",
    access: session(["AR_ANALYST", "CONTROLLER", "ADMIN"]), params: backtestParams, query: backtestRowsQuery, response: backtestRowsResponse,
  }),
  rollbackMatchingPolicy: defineOperation({
    id: "rollbackMatchingPolicy", method: "POST", path: "/api/v1/matching-policies/{entity}/rollback", summary: "Put the previous version's rules in force again, as a new version (audited)", tag: "Cash application",
    access: session(["CONTROLLER", "ADMIN"]), params: policyParams, body: rollbackPolicyBody, response: policyChangeResult,
  }),
  approvePolicyChange: defineOperation({
    id: "approvePolicyChange", method: "POST", path: "/api/v1/matching-policy-changes/{id}/approve", summary: "Approve a draft (not its author; needs a finished backtest against today's live version, whose figures it records; hard caps hold)", tag: "Cash application",
    access: session(["CONTROLLER", "ADMIN"]), params: policyChangeParams, body: decidePolicyChangeBody, response: policyChangeResult,
  }),
  rejectPolicyChange: defineOperation({
    id: "rejectPolicyChange", method: "POST", path: "/api/v1/matching-policy-changes/{id}/reject", summary: "Reject with a comment (or, its author, withdraw) a draft", tag: "Cash application",
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
  // Remittance advices and deductions (issue 14).
  uploadRemittance: defineOperation({
    id: "uploadRemittance", method: "POST", path: "/api/v1/remittances", summary: "Upload a remittance advice file: stored, parsed, linked to its payment (or left waiting for it)", tag: "Remittances",
    access: { kind: "api_key", scope: "remittance:write", roles: AREAS.remittances },
    rawBody: {
      contentTypes: ["multipart/form-data", "text/csv", "application/octet-stream", "application/xml", "text/plain"],
      description: "multipart/form-data with the file in field `file`, or the file itself as the body (name from `?filename=` or Content-Disposition); `?format=` (auto, csv, x12-820, camt054…). Up to REMITTANCE_UPLOAD_MAX_BYTES (10 MB), else 413. A file that cannot be read: 422 naming the line/segment and the problem, nothing stored. 201 with the advices; the same bytes again: 200 with `duplicate: true` and nothing added.",
    },
    response: ingestRemittanceResponse, responseStatus: 201, auditAction: "remittance.uploaded",
  }),
  listRemittances: defineOperation({
    id: "listRemittances", method: "GET", path: "/api/v1/remittances", summary: "Remittance advices received, with status and linked payment", tag: "Remittances",
    access: session(AREAS.remittances), query: ded.listRemittancesQuery, response: ded.listRemittancesResponse,
  }),
  getReceiptRemittance: defineOperation({
    id: "getReceiptRemittance", method: "GET", path: "/api/v1/receipts/{id}/remittance", summary: "The payment's linked advices, the deductions they explained, and whether a remittance is expected", tag: "Remittances",
    access: session(AREAS.payments), params: idParams, response: ded.receiptRemittanceResponse,
  }),
  listDeductions: defineOperation({
    id: "listDeductions", method: "GET", path: "/api/v1/deductions", summary: "The deduction queue (filter by status, reason, customer, receipt)", tag: "Deductions",
    access: session(AREAS.deductions), query: ded.listDeductionsQuery, response: ded.listDeductionsResponse,
  }),
  getDeductionDashboard: defineOperation({
    id: "getDeductionDashboard", method: "GET", path: "/api/v1/deductions/dashboard", summary: "Open deductions by reason, age and customer; recovery rate; days to resolve", tag: "Deductions",
    access: session(AREAS.deductions), response: ded.deductionDashboardResponse,
  }),
  resolveDeduction: defineOperation({
    id: "resolveDeduction", method: "POST", path: "/api/v1/deductions/{id}/resolve", summary: "Valid (credit memo requested), invalid (collected again) or partially valid (split); above your write-off limit it waits for a second person", tag: "Deductions",
    access: session(AREAS.deductions), params: ded.deductionParams, body: ded.resolveDeductionBody, response: ded.resolveDeductionResponse,
  }),
  approveDeduction: defineOperation({
    id: "approveDeduction", method: "POST", path: "/api/v1/deductions/{id}/approve", summary: "Second person: carry out a deduction resolution above its proposer's limit", tag: "Deductions",
    access: session(AREAS.deductions), params: ded.deductionParams, body: ded.approveDeductionBody, response: ded.resolveDeductionResponse,
  }),
  addDeductionEvidence: defineOperation({
    id: "addDeductionEvidence", method: "POST", path: "/api/v1/deductions/{id}/evidence", summary: "Add a note (and optionally a stored file) to a deduction", tag: "Deductions",
    access: session(AREAS.deductions), params: ded.deductionParams, body: ded.addEvidenceBody, response: z.object({ id: z.string() }), responseStatus: 201,
  }),
  listDeductionReasons: defineOperation({
    id: "listDeductionReasons", method: "GET", path: "/api/v1/deduction-reasons", summary: "Every entity's deduction reason codes (defaults created on first read)", tag: "Deductions",
    access: session(AREAS.deductionReasons), response: ded.listReasonCodesResponse,
  }),
  updateDeductionReason: defineOperation({
    id: "updateDeductionReason", method: "PUT", path: "/api/v1/deduction-reasons/{id}", summary: "Change one reason code (label, GL account, team, SLA, auto-write-off threshold, mapped codes); audited", tag: "Deductions",
    access: session(AREAS.deductionReasons), params: ded.deductionParams, body: ded.updateReasonCodeBody, response: ded.reasonCodeRow,
  }),
  listCustomerOpenItems: defineOperation({
    id: "listCustomerOpenItems", method: "GET", path: "/api/v1/customers/{id}/open-items", summary: "A customer's open invoices: held by an open deduction vs collectible", tag: "Deductions",
    access: session(AREAS.deductions), params: ded.openItemsParams, response: ded.openItemsResponse,
  }),
  updateRemittanceSettings: defineOperation({
    id: "updateRemittanceSettings", method: "PUT", path: "/api/v1/customers/{id}/remittance-settings", summary: "A customer's remittance settings: always sends an advice (\"remittance expected\"), e-mail sender domains", tag: "Remittances",
    access: session(AREAS.remittances), params: ded.openItemsParams, body: remittanceSettingsBody, response: remittanceSettingsResponse,
  }),
  confirmRemittanceColumnMapping: defineOperation({
    id: "confirmRemittanceColumnMapping", method: "PUT", path: "/api/v1/remittances/{id}/column-mapping", summary: "Confirm or correct the column mapping of a spreadsheet advice in review: saved for the customer (its later advices use it), the file read again with it; audited", tag: "Remittances",
    access: session(AREAS.remittances), params: idParams, body: confirmColumnMappingBody, response: confirmColumnMappingResponse, auditAction: "remittance.column_mapping_confirmed",
  }),
  listErpConnections: defineOperation({
    id: "listErpConnections", method: "GET", path: "/api/v1/admin/erp-connections", summary: "Each legal entity's ERP connection (credentials only as set, field names, fingerprint, when)", tag: "Admin",
    access: session(AREAS.admin), response: listErpConnectionsResponse,
  }),
  putErpConnection: defineOperation({
    id: "putErpConnection", method: "PUT", path: "/api/v1/admin/erp-connections/{entity}", summary: "Set an entity's ERP connection: kind, base URL, credentials (write-only, sealed at rest; audited)", tag: "Admin",
    access: session(AREAS.admin), params: erpConnectionParams, body: putErpConnectionBody,
    response: z.object({ entityId: z.string(), entityCode: z.string(), connection: erpConnectionView }),
  }),
  testErpConnection: defineOperation({
    id: "testErpConnection", method: "POST", path: "/api/v1/admin/erp-connections/{entity}/test", summary: "Test an entity's ERP connection now (one authenticated round trip through its adapter; kept and audited)", tag: "Admin",
    access: session(AREAS.admin), params: erpConnectionParams, response: testErpConnectionResponse,
  }),
  rotateErpCredentials: defineOperation({
    id: "rotateErpCredentials", method: "POST", path: "/api/v1/admin/erp-connections/{entity}/rotate-credentials", summary: "Replace an entity's ERP credentials (write-only; the fingerprint changes; audited)", tag: "Admin",
    access: session(AREAS.admin), params: erpConnectionParams, body: rotateErpCredentialsBody,
    response: z.object({ entityId: z.string(), entityCode: z.string(), connection: erpConnectionView }),
  }),
  // Issue 13: the ERP as book of record (lib/erp-sync).
  requestErpSync: defineOperation({
    id: "requestErpSync", method: "POST", path: "/api/v1/erp/sync", summary: "Read customers and receivables from the entity's ERP now (one entity or all; incremental)", tag: "Connectors",
    access: session(AREAS.connectors), body: erpSyncBody, response: erpSyncResponse, responseStatus: 202,
  }),
  getInvoiceTimeline: defineOperation({
    id: "getInvoiceTimeline", method: "GET", path: "/api/v1/invoices/{id}/timeline", summary: "An invoice's timeline: origin, publication to the ERP, the ERP's figure, drift and its cases", tag: "Payments",
    access: session(AREAS.payments), params: idParams, response: invoiceTimelineSchema,
  }),
  resolveErpDrift: defineOperation({
    id: "resolveErpDrift", method: "POST", path: "/api/v1/exceptions/{id}/erp-drift", summary: "ERP_DRIFT: accept the difference with a reason, or adopt the ERP's open amount", tag: "Exceptions",
    access: session(AREAS.exceptions), params: idParams, body: resolveErpDriftBody, response: actionResult,
  }),
  // FX rates (issue 17): manual entry and uploads by treasury/controllers/admins, audited; the reporting currency by admins.
  setFxRate: defineOperation({
    id: "setFxRate", method: "POST", path: "/api/v1/fx-rates", summary: "Enter one exchange rate by hand (1 base = rate quote on a day; audited with the rate it replaces)", tag: "FX",
    access: session(AREAS.cash), body: setFxRateBody, response: fxRateView, responseStatus: 201,
  }),
  uploadFxRatesCsv: defineOperation({
    id: "uploadFxRatesCsv", method: "POST", path: "/api/v1/fx-rates/csv", summary: "Upload exchange rates as CSV (date,base,quote,rate; all or nothing)", tag: "FX",
    access: session(AREAS.cash), rawBody: { contentTypes: ["text/csv"], description: "Header date,base,quote,rate; one rate per line (1 base = rate quote). Any bad line: 422 naming every line and column, nothing stored." },
    response: fxImportResponse,
  }),
  importEcbRatesFile: defineOperation({
    id: "importEcbRatesFile", method: "POST", path: "/api/v1/fx-rates/ecb", summary: "Import an ECB reference-rate file (eurofxref-daily.xml or eurofxref-hist.xml) as published", tag: "FX",
    access: session(AREAS.cash), rawBody: { contentTypes: ["text/xml", "application/xml"], description: "The ECB file's XML. A bad file: 422 naming the element; nothing stored. (Import by URL is the worker's scheduled job, FX_RATES_URL: no server-side fetch of user-given URLs.)" },
    response: fxImportResponse,
  }),
  getFxRevaluation: defineOperation({
    id: "getFxRevaluation", method: "GET", path: "/api/v1/fx/revaluation", summary: "Unrealised FX on open foreign-currency receivables at a period end: per invoice and entity, with a journal proposal", tag: "FX",
    access: session(AREAS.close), query: fxRevaluationQuery, response: fxRevaluationResponse,
  }),
  getConsolidatedCash: defineOperation({
    id: "getConsolidatedCash", method: "GET", path: "/api/v1/cash/consolidated", summary: "Cash position in the group's reporting currency (per account, per entity, in transit, expected) with the rates used", tag: "FX",
    access: session(AREAS.cash), response: consolidatedCashResponse,
  }),
  setReportingCurrency: defineOperation({
    id: "setReportingCurrency", method: "PUT", path: "/api/v1/settings/reporting-currency", summary: "Set the group's reporting currency (audited)", tag: "FX",
    access: session(AREAS.admin), body: setReportingCurrencyBody, response: reportingCurrencyView,
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
