"use client";
// The receipt workspace: one receipt, everything about it, and every action on it. Live via react-query. The
// receipt version the analyst started from goes with every action: if someone else acted meanwhile, the server
// answers 409 and nothing is applied twice; a background refresh that sees a newer version says so.
import { ErpDriftPanel } from "./erp-drift-panel.tsx";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/exceptions/action-schemas.ts";
import type { Candidate } from "@/lib/exceptions/search-candidate-invoices.ts";
import type { Workspace } from "@/lib/exceptions/workspace-schema.ts";
import { fromMinor } from "@/lib/money/money.ts";
import type { Assignee } from "@/lib/users/list-assignees.ts";
import { StateChip } from "../state-chip.tsx";
import { apiFetch, errorText } from "../ui/api-fetch.ts";
import { formatDateTime as dateTime, formatDuration as duration, formatMoney as money, humanize, withReasonLabels } from "../format.ts";
import { ShortcutHelp, type ShortcutHelpHandle } from "../ui/shortcut-help.tsx";
import { useHotkeys } from "../ui/use-hotkeys.ts";
import { useNow } from "../ui/use-now.ts";
import { ACTION_TABS, ActionPanel, type ActionTab } from "./action-panel.tsx";
import { allocationProblems, liveAllocations, minorOf, type Allocations } from "./allocations.ts";
import { CandidateInvoices } from "./candidate-invoices.tsx";
import { CrossCurrencyPanel } from "./cross-currency-panel.tsx";
import { LineageFacts, PaymentFacts, WhyFacts } from "./receipt-facts.tsx";
import { ApplicationsPanel, ApprovalPanel, LearnedPayersPanel, NotesPanel } from "./side-panels.tsx";
import { useReceiptAction } from "./use-receipt-action.ts";
import { pickNextCase, queueHref, readAutoNext, readQueueContext, saveQueueContext, setFlash, takeFlash, writeAutoNext, type QueueContext } from "./queue-context.ts";

/** Outcomes that take the case off the analyst's plate: "resolve and next" moves on after these. */
const DONE_OUTCOMES = new Set(["applied", "approved", "pending_approval", "escalated"]);

const SHORTCUTS = [
  { keys: ["1", "…", "7"], does: "switch action: apply, split, short pay, on account, write off, escalate, comment" },
  { keys: ["/"], does: "search candidate invoices" }, { keys: ["u"], does: "back to the queue (same filters, same row)" }, { keys: ["]"], does: "next case of the queue" }, { keys: ["t"], does: "payment timeline" },
  { keys: ["r"], does: "reload the receipt" }, { keys: ["?"], does: "this help" },
];

export function ReceiptWorkspace({ id, initial, initialCandidates, assignees }: { id: string; initial: Workspace; initialCandidates: Candidate[]; assignees: Assignee[] }) {
  const router = useRouter();
  const qc = useQueryClient();
  const query = useQuery({ queryKey: ["workspace", id], queryFn: ({ signal }) => apiFetch<Workspace>(`/api/v1/exceptions/${id}`, { signal }), initialData: initial });
  const ws = query.data;
  const r = ws.receipt;
  const [baseVersion, setBaseVersion] = useState(r?.version ?? 0);
  const [allocations, setAllocations] = useState<Allocations>({});
  const [tab, setTab] = useState<ActionTab>(!r ? "comment" : ws.case?.code === "SHORT_PAY" ? "short-pay" : "apply");
  const [done, setDone] = useState<ActionResult | null>(null);
  const help = useRef<ShortcutHelpHandle>(null);
  const search = useRef<HTMLInputElement>(null);
  const now = useNow();
  // The queue this case was opened from (filters, order): "u" returns to it, "resolve and next" walks it.
  const [queueCtx, setQueueCtx] = useState<QueueContext | null>(null);
  const [autoNext, setAutoNext] = useState(false);
  const [previous, setPrevious] = useState<string | null>(null);
  useEffect(() => { setQueueCtx(readQueueContext()); setAutoNext(readAutoNext()); setPrevious(takeFlash()); }, []);
  const backHref = queueHref(queueCtx);
  const currentId = ws.case?.id ?? id;
  const [nextState, setNextState] = useState<string | null>(null);
  const goNext = useCallback(async (flash?: string) => {
    setNextState("Finding the next case…");
    try {
      const params = queueCtx?.params ?? "";
      const fresh = (await apiFetch<{ items: { id: string }[] }>(`/api/v1/exceptions${params ? `?${params}` : ""}`)).items.map((x) => x.id);
      const next = pickNextCase(fresh, queueCtx?.ids ?? fresh, currentId);
      saveQueueContext({ params, ids: fresh, cursorId: next ?? currentId });
      if (flash) setFlash(flash);
      if (next) router.push(`/exceptions/${next}`);
      else { setNextState("No case left in this queue."); router.push(backHref); }
    } catch (e) {
      setNextState(`Could not open the next case: ${errorText(e)}`);
    }
  }, [queueCtx, currentId, router, backHref]);
  const afterAction = useRef<(res: ActionResult) => void>(() => {});
  afterAction.current = (res) => { if (autoNext && DONE_OUTCOMES.has(res.outcome)) void goNext(res.message); };
  const action = useReceiptAction((res) => {
    setDone(res);
    if (typeof res.receiptVersion === "number") setBaseVersion(res.receiptVersion);
    if (res.outcome !== "commented") setAllocations({});
    afterAction.current(res);
  });
  const reload = useCallback(async () => {
    const fresh = await query.refetch();
    if (fresh.data?.receipt) setBaseVersion(fresh.data.receipt.version);
    setAllocations({});
    action.clearError();
  }, [query, action]);

  const run = (path: string, body: Record<string, unknown>) => {
    setDone(null);
    if (path.startsWith("/")) return action.run(path, body);
    if (path === "comment") return action.run(`/api/v1/exceptions/${ws.case!.id}/comments`, body);
    if (path === "escalate") return action.run(`/api/v1/exceptions/${ws.case!.id}/escalate`, { ...body, receiptVersion: r ? baseVersion : undefined });
    return action.run(`/api/v1/receipts/${r!.id}/${path}`, { ...body, receiptVersion: baseVersion });
  };
  const cur = r?.currency ?? "USD";
  const unappliedMinor = r ? minorOf(r.unapplied, cur) ?? 0n : 0n;
  const allocatedMinor = liveAllocations(allocations, cur).reduce((s, a) => s + minorOf(a.amount, cur)!, 0n);
  const problems = allocationProblems(allocations, cur, unappliedMinor);
  // A money action waits until the allocation is right: the buttons are disabled and the reason is said.
  const blockedBy = ACTION_TABS.find((t) => t.id === tab)?.money && problems.first ? problems.first : null;
  const setAmount = (c: Candidate, amount: string) => setAllocations((a) => ({ ...a, [c.id]: { invoiceId: c.id, number: c.number, customerId: c.customerId, customerName: c.customerName, open: c.open, amount, reason: a[c.id]?.reason ?? "dispute" } }));
  const useSuggestion = () => {
    const s = ws.case?.suggestion ?? [];
    const cands = qc.getQueryData<{ items: Candidate[] }>(["candidates", r?.id, ""])?.items ?? initialCandidates;
    let left = unappliedMinor;
    const next: Allocations = {};
    for (const line of s) {
      const c = cands.find((x) => x.id === line.invoiceId);
      if (!c || !c.applicable || left <= 0n) continue;
      const open = minorOf(c.open, cur) ?? 0n;
      const amt = open < left ? open : left;
      left -= amt;
      next[c.id] = { invoiceId: c.id, number: c.number, customerId: c.customerId, customerName: c.customerName, open: c.open, amount: fromMinor(amt, cur), reason: "dispute" };
    }
    setAllocations(next);
  };

  useHotkeys({
    ...Object.fromEntries(ACTION_TABS.map((t, i) => [String(i + 1), () => setTab(t.id)])),
    "/": () => search.current?.focus(), u: () => router.push(backHref), "]": () => void goNext(), t: () => r && router.push(`/payments/${r.id}`),
    r: () => void reload(), "?": () => help.current?.open(),
  });

  const stale = !!r && r.version !== baseVersion;
  const c = ws.case;
  return (
    <div className="workspace">
      <div className="titlebar">
        <Link href={backHref} className="back" data-testid="back-to-queue">← Queue (u)</Link>
        <h1>{r ? <>Receipt <span className="mono">{r.id}</span> · <span className="mono">{money(r.amount, r.currency)}</span></> : <>Case <span className="mono">{c?.id}</span></>}</h1>
        {r && <span className="tag">receipt <StateChip value={r.state} /></span>}
        {c && <span className="tag">case <StateChip value={c.code} /> <span className="chip plain">{humanize(c.status)}</span></span>}
        {c && !["RESOLVED", "CANCELLED"].includes(c.status) && (
          <span className={c.overdue ? "overdue" : "muted"} title={`SLA due ${dateTime(c.slaDueAt)} UTC`}>{now ? (new Date(c.slaDueAt).getTime() < now ? `overdue ${duration(now - new Date(c.slaDueAt).getTime())}` : `due in ${duration(new Date(c.slaDueAt).getTime() - now)}`) : `SLA ${dateTime(c.slaDueAt)} UTC`}</span>
        )}
        {c && <span className="muted">· {c.assignee ? `assigned to ${c.assignee.name}` : "unassigned"}</span>}
        <span className="push" />
        <label className="row" title="After an action that resolves this case, open the next case of the same queue">
          <input type="checkbox" checked={autoNext} onChange={(e) => { setAutoNext(e.target.checked); writeAutoNext(e.target.checked); }} data-testid="resolve-and-next" />
          Resolve and next
        </label>
        <button type="button" className="link" onClick={() => void goNext()} data-testid="next-case">Next case (]) →</button>
        {r && <Link href={`/payments/${r.id}`}>Timeline (t) →</Link>}
        <button type="button" className="link" onClick={() => help.current?.open()}>Shortcuts (?)</button>
      </div>
      {stale && (
        <div role="alert" className="notice warn" data-testid="stale-banner">
          Someone else changed this receipt since you opened it. <button type="button" onClick={() => void reload()}>Reload and review</button>
        </div>
      )}
      {previous && !done && <div role="status" className="notice" data-testid="previous-result">Previous case: {previous}</div>}
      {nextState && <div role="status" className="notice" data-testid="next-state">{nextState}</div>}
      {done && <div role="status" className="notice" data-testid="action-result">{done.message}</div>}
      {query.isError && <div role="alert" className="notice bad">Refreshing failed: {errorText(query.error)}</div>}
      {c?.status === "RESOLVED" && <div className="notice">Resolved{c.resolvedBy ? ` by ${c.resolvedBy.name}` : ""}{c.resolvedAt ? ` at ${dateTime(c.resolvedAt)} UTC` : ""}: {withReasonLabels(c.resolution ?? "")}</div>}
      <div className="cols">
        <div className="col-main">
          <div className="facts-row">
            {r && <PaymentFacts r={r} />}
            <WhyFacts ws={ws} onUseSuggestion={useSuggestion} />
          </div>
          {r && (
            <CandidateInvoices ref={search} receiptId={r.id} currency={cur} initial={initialCandidates} allocations={allocations}
              remainingMinor={unappliedMinor - allocatedMinor} disabled={unappliedMinor === 0n} onAmount={setAmount} problems={problems} />
          )}
          {r && unappliedMinor > 0n && <CrossCurrencyPanel receiptId={r.id} currency={cur} disabled={stale} pending={action.pending} error={action.error} run={run} />}
          {r && <LineageFacts r={r} />}
        </div>
        <div className="col-side">
          {c?.code === "ERP_DRIFT" && <ErpDriftPanel ws={ws} run={run} pending={action.pending} />}
          <ApprovalPanel ws={ws} run={run} pending={action.pending} />
          {blockedBy && <div role="alert" className="notice bad" data-testid="action-blocked">Fix the allocation first: {blockedBy}</div>}
          <fieldset className="plain-fieldset" disabled={!!blockedBy}>
          <ActionPanel ws={ws} tab={tab} onTab={setTab} allocations={allocations} assignees={assignees} run={run} pending={action.pending} error={action.error}
            onReason={(invoiceId, reason) => setAllocations((a) => (a[invoiceId] ? { ...a, [invoiceId]: { ...a[invoiceId]!, reason } } : a))} onReload={() => void reload()} receiptVersion={baseVersion} />
          </fieldset>
          {r && <ApplicationsPanel ws={ws} run={run} pending={action.pending} receiptVersion={baseVersion} />}
          <LearnedPayersPanel ws={ws} run={run} pending={action.pending} />
          <NotesPanel ws={ws} />
        </div>
      </div>
      <ShortcutHelp ref={help} title="Receipt workspace shortcuts" shortcuts={SHORTCUTS} />
    </div>
  );
}
