// The published list of canonical event types a subscriber may ask for (also in the OpenAPI document, as the
// enum of createWebhookSubscriber's eventTypes). Adding an event type to the code means adding it here.
export const EVENT_TYPES = [
  "application.reversed",
  "bank.notification_of_change",
  "case.assigned", "case.commented", "case.escalated",
  "cash.applied", "cash.exception", "cash.matched", "cash.put_on_account", "cash.refund_booked", "cash.short_paid", "cash.split", "cash.written_off",
  "collections.follow_up_requested",
  "credit_memo.issued", "credit_memo.posted",
  "customer.identified",
  "deduction.collection_requested", "deduction.credit_memo_requested", "deduction.evidence_added", "deduction.opened", "deduction.resolution_proposed",
  "deduction.resolved", "deduction.written_off",
  "erp.drift_accepted", "erp.drift_adopted", "erp.drift_detected", "erp.drift_resolved",
  "exception.opened",
  "invoice.issued", "invoice.published_to_erp", "invoice.reopened", "invoice.void_refused", "invoice.voided",
  "payer.learned", "payer.learning_proposed", "payer.learning_revoked",
  "payment.chargeback", "payment.dispute_lost", "payment.dispute_won", "payment.disputed", "payment.received", "payment.refunded", "payment.returned",
  "payout.bank_credit_recognized", "payout.failed", "payout.paid",
  "posting.auto_retried", "posting.corrected", "posting.date_moved", "posting.retry_requested",
  "receipt.applied", "receipt.posted", "receipt.posting_failed", "receipt.published",
  "reconciliation_exception.created",
  "remittance.linked", "remittance.redecision_requested", "reconciliation_exception.resolved",
  "refund.cancelled", "refund.confirmed", "refund.proposed", "refund.requested",
  "write_off.approved", "write_off.proposed",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Sent by "Send test": never a workflow event, so it is not subscribable. */
export const PING_EVENT_TYPE = "webhook.ping";
