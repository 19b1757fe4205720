const TONE: Record<string, string> = {
  POSTED: "ok", PUBLISHED: "ok", APPLIED: "ok", RESOLVED: "ok",
  UNIDENTIFIED: "bad", SHORT_PAY: "warn", OVERPAYMENT: "warn", DUPLICATE: "bad", CHARGEBACK: "bad", RETURNED: "bad",
  POSTING_FAILED: "bad", ESCALATED: "warn", NEEDS_REVIEW: "warn", OPEN: "warn", IN_PROGRESS: "", PENDING_APPROVAL: "warn",
  // Raw documents (bank files)
  PROCESSED: "ok", QUARANTINED: "bad", PROCESSING: "warn",
};

export function StateChip({ value }: { value: string }) {
  return <span className={`chip ${TONE[value] ?? ""}`}>{value.replaceAll("_", " ").toLowerCase()}</span>;
}
