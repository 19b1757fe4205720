// The receipt workflow as data: every legal move, in one place. Anything not listed here is impossible;
// transition-receipt.ts refuses it. Exception branches lead back to the main line once a person resolves them.
export const RECEIPT_STATES = [
  "RECEIVED", "IDENTIFIED", "MATCHED", "APPLIED", "POSTED", "PUBLISHED",
  "UNIDENTIFIED", "NEEDS_REVIEW", "SHORT_PAY", "OVERPAYMENT", "DUPLICATE", "CHARGEBACK", "RETURNED", "POSTING_FAILED", "ESCALATED",
] as const;
export type ReceiptState = (typeof RECEIPT_STATES)[number];

export const EXCEPTION_STATES: readonly ReceiptState[] = ["UNIDENTIFIED", "NEEDS_REVIEW", "SHORT_PAY", "OVERPAYMENT", "DUPLICATE", "CHARGEBACK", "RETURNED", "POSTING_FAILED", "ESCALATED"];

const T: Record<ReceiptState, readonly ReceiptState[]> = {
  RECEIVED: ["IDENTIFIED", "MATCHED", "UNIDENTIFIED", "NEEDS_REVIEW", "DUPLICATE", "SHORT_PAY", "OVERPAYMENT", "RETURNED", "CHARGEBACK"],
  IDENTIFIED: ["MATCHED", "APPLIED", "NEEDS_REVIEW", "SHORT_PAY", "OVERPAYMENT", "DUPLICATE", "UNIDENTIFIED", "RETURNED", "CHARGEBACK", "ESCALATED"],
  MATCHED: ["APPLIED", "NEEDS_REVIEW", "SHORT_PAY", "OVERPAYMENT", "ESCALATED"],
  APPLIED: ["POSTED", "POSTING_FAILED", "IDENTIFIED", "RETURNED", "CHARGEBACK"],
  POSTED: ["PUBLISHED", "IDENTIFIED", "RETURNED", "CHARGEBACK"],
  PUBLISHED: ["IDENTIFIED", "RETURNED", "CHARGEBACK"],
  UNIDENTIFIED: ["IDENTIFIED", "MATCHED", "APPLIED", "NEEDS_REVIEW", "SHORT_PAY", "OVERPAYMENT", "ESCALATED", "RETURNED", "DUPLICATE"],
  NEEDS_REVIEW: ["IDENTIFIED", "MATCHED", "APPLIED", "UNIDENTIFIED", "ESCALATED", "RETURNED"],
  SHORT_PAY: ["APPLIED", "IDENTIFIED", "ESCALATED", "RETURNED"],
  OVERPAYMENT: ["APPLIED", "IDENTIFIED", "ESCALATED", "RETURNED"],
  DUPLICATE: ["IDENTIFIED", "APPLIED", "ESCALATED", "RETURNED"],
  CHARGEBACK: ["APPLIED", "POSTED", "RETURNED", "ESCALATED"],
  RETURNED: [],
  POSTING_FAILED: ["APPLIED", "POSTED", "ESCALATED"],
  ESCALATED: ["IDENTIFIED", "APPLIED", "UNIDENTIFIED", "RETURNED", "NEEDS_REVIEW"],
};

export function canTransition(from: ReceiptState, to: ReceiptState): boolean {
  return T[from].includes(to);
}

export function allowedTransitions(from: ReceiptState): readonly ReceiptState[] {
  return T[from];
}

/** Who owns the next step for a receipt in this state: shown on the payment's timeline. */
export function nextOwner(state: ReceiptState): { owner: string; waitingFor: string } {
  switch (state) {
    case "RECEIVED": return { owner: "cash-application engine", waitingFor: "customer identification and matching" };
    case "IDENTIFIED": return { owner: "cash-application engine", waitingFor: "invoice matching" };
    case "MATCHED": return { owner: "cash-application engine", waitingFor: "application" };
    case "APPLIED": return { owner: "ERP connector", waitingFor: "posting to the ERP" };
    case "POSTED": return { owner: "outbox", waitingFor: "publication to subscribers" };
    case "PUBLISHED": return { owner: "nobody", waitingFor: "nothing: done" };
    case "POSTING_FAILED": return { owner: "AR analyst", waitingFor: "\"Retry posting\" or \"Correct and repost\" on its case (retried by itself once the ERP is healthy again)" };
    case "ESCALATED": return { owner: "escalation assignee", waitingFor: "a decision on the escalation" };
    case "RETURNED": return { owner: "nobody", waitingFor: "nothing: the payment was returned" };
    case "CHARGEBACK": return { owner: "AR analyst", waitingFor: "dispute outcome" };
    default: return { owner: "AR analyst", waitingFor: `resolution of the ${state.toLowerCase().replace("_", " ")} exception` };
  }
}
