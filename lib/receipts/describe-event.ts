// Pure: which stage of a payment's journey a WorkflowEvent belongs to, in words an analyst uses. Shared by the
// server and the payment page (no database import).
export type Stage = "processor" | "bank" | "billing" | "match" | "exception" | "application" | "posting" | "publication" | "case" | "other";

export const STAGE_LABEL: Record<Stage, string> = {
  processor: "Processor event", bank: "Bank entry", billing: "Billing", match: "Match", exception: "Exception",
  application: "Application", posting: "ERP posting", publication: "Publication", case: "Case work", other: "Event",
};

export function stageOf(type: string, sourceSystem: string): Stage {
  if (type === "payment.received" || type.startsWith("payment.") || type.startsWith("charge.")) {
    return sourceSystem === "stripe" || sourceSystem.includes("processor") ? "processor" : sourceSystem === "billing" ? "billing" : "bank";
  }
  if (type.startsWith("bank.") || type.startsWith("statement.")) return "bank";
  if (type.startsWith("customer.") || type.startsWith("match") || type.startsWith("receipt.matched") || type.startsWith("payer.")) return "match";
  if (type.startsWith("reconciliation_exception") || type.startsWith("exception.")) return "exception";
  if (type.startsWith("cash.") || type.startsWith("application.") || type === "receipt.applied" || type.startsWith("write_off.")) return "application";
  if (type.startsWith("receipt.post") || type.startsWith("erp.") || type.startsWith("journal.") || type.startsWith("posting.")) return "posting";
  if (type.startsWith("receipt.published") || type.startsWith("webhook.") || type.startsWith("publication.")) return "publication";
  if (type.startsWith("case.")) return "case";
  return "other";
}

/** "cash.short_paid" → "cash short paid": readable without a dictionary of every event type. */
export function eventTitle(type: string): string {
  return type.replace(/[._]/g, " ");
}
