// Pure: who owns a receipt's next step and why it is waiting, from its state (receipt-states.ts nextOwner) made
// specific by its open case and its latest journal entry.
import { nextOwner, type ReceiptState } from "../workflow/receipt-states.ts";

export type WaitingInput = {
  state: ReceiptState;
  activeCase: { code: string; status: string; assignee: string | null; slaDueAt: Date } | null;
  journal: { status: string; attempts: number; lastError: string | null } | null;
  now: Date;
};

export function explainWaiting({ state, activeCase, journal, now }: WaitingInput): { owner: string; waitingFor: string; detail: string | null } {
  const base = nextOwner(state);
  if (activeCase?.status === "PENDING_APPROVAL") {
    return { owner: "a second approver (controller or analyst with a sufficient limit)", waitingFor: "approval of a write-off above its proposer's limit", detail: null };
  }
  if (activeCase) {
    const sla = activeCase.slaDueAt < now ? `overdue since ${activeCase.slaDueAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : `SLA due ${activeCase.slaDueAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
    const who = activeCase.assignee ?? "unassigned (AR analysts' queue)";
    const erp = state === "POSTING_FAILED" && journal?.lastError ? `; the ERP said: ${journal.lastError}` : "";
    return { owner: activeCase.status === "ESCALATED" ? `${who} (escalated)` : who, waitingFor: base.waitingFor, detail: `${activeCase.code.toLowerCase().replaceAll("_", " ")} case, ${sla}${erp}` };
  }
  if (state === "APPLIED" && journal) {
    const detail = journal.status === "FAILED" ? `last attempt failed: ${journal.lastError ?? "unknown error"}` : journal.attempts > 0 ? `${journal.attempts} attempt(s) so far${journal.lastError ? `; last error: ${journal.lastError}` : ""}` : "journal entry queued for posting";
    return { ...base, detail };
  }
  return { ...base, detail: null };
}
