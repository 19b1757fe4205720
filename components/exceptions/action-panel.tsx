"use client";
// The action tabs of the workspace (1–7 switch between them). Money actions need unapplied cash; escalate and
// comment need a case. The server's answer (including a 409 conflict) is shown right under the form.
import type { Workspace } from "@/lib/exceptions/workspace-schema.ts";
import type { Assignee } from "@/lib/users/list-assignees.ts";
import { ApplyForm, CommentForm, EscalateForm, OnAccountForm, ShortPayForm, SplitForm, WriteOffForm } from "./action-forms.tsx";
import type { Allocation, Allocations } from "./allocations.ts";
import { ResolutionPanel } from "./resolution-panel.tsx";

export const ACTION_TABS = [
  { id: "apply", label: "Apply", money: true }, { id: "split", label: "Split", money: true }, { id: "short-pay", label: "Short pay", money: true },
  { id: "on-account", label: "On account", money: true }, { id: "write-off", label: "Write off", money: true },
  { id: "escalate", label: "Escalate", money: false }, { id: "comment", label: "Comment", money: false },
] as const;
export type ActionTab = (typeof ACTION_TABS)[number]["id"];

type Props = {
  ws: Workspace; tab: ActionTab; onTab: (t: ActionTab) => void; allocations: Allocations; assignees: Assignee[];
  run: (path: string, body: Record<string, unknown>) => Promise<boolean>; pending: boolean; error: { text: string; conflict: boolean } | null;
  onReason: (invoiceId: string, reason: Allocation["reason"]) => void; onReload: () => void;
  /** The receipt version the analyst started from (sent with the resolution paths' requests). */
  receiptVersion?: number;
};

export function ActionPanel({ ws, tab, onTab, allocations, assignees, run, pending, error, onReason, onReload, receiptVersion }: Props) {
  const hasCash = !!ws.receipt && ws.receipt.unapplied !== "0" && !/^0(\.0+)?$/.test(ws.receipt.unapplied);
  const pendingApproval = ws.case?.status === "PENDING_APPROVAL";
  const caseOpen = !!ws.case && !["RESOLVED", "CANCELLED"].includes(ws.case.status);
  const blocked = (t: (typeof ACTION_TABS)[number]) =>
    t.money ? (!ws.receipt ? "no receipt on this case" : ws.receipt.state === "RETURNED" ? "the payment was returned" : pendingApproval ? "a write-off awaits approval" : !hasCash ? "nothing left to apply" : null)
      : t.id === "escalate" ? (!caseOpen ? "no open case" : pendingApproval ? "a write-off awaits approval" : null)
      : !ws.case ? "no case" : null;
  const current = ACTION_TABS.find((t) => t.id === tab)!;
  const reason = blocked(current);
  const base = { ws, allocations, run, pending };
  return (
    <section className="panel actions" aria-labelledby="act-h">
      <h2 id="act-h">Action</h2>
      <ResolutionPanel ws={ws} run={run} pending={pending} receiptVersion={receiptVersion ?? ws.receipt?.version ?? 0} />
      <div role="tablist" aria-label="Actions" className="action-tabs">
        {ACTION_TABS.map((t, i) => (
          <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-controls="action-tabpanel" aria-selected={t.id === tab}
            className={blocked(t) ? "dim" : undefined} onClick={() => onTab(t.id)} title={`${i + 1}${blocked(t) ? ` · ${blocked(t)}` : ""}`}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="action-tabpanel" aria-labelledby={`tab-${tab}`} className="tabpanel">
        {reason ? <p className="muted">Not available: {reason}.</p>
          : tab === "apply" ? <ApplyForm {...base} />
          : tab === "split" ? <SplitForm {...base} />
          : tab === "short-pay" ? <ShortPayForm {...base} onReason={onReason} />
          : tab === "on-account" ? <OnAccountForm {...base} />
          : tab === "write-off" ? <WriteOffForm {...base} />
          : tab === "escalate" ? <EscalateForm {...base} assignees={assignees} />
          : <CommentForm {...base} />}
        {error && (
          <div role="alert" className={error.conflict ? "notice bad conflict" : "notice bad"} data-testid="action-error">
            {error.text}
            {error.conflict && <> <button type="button" onClick={onReload}>Reload the receipt</button></>}
          </div>
        )}
      </div>
    </section>
  );
}
