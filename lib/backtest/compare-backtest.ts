// The backtest's diff and figures, pure: per receipt whose decision changes between the live policy and the draft
// (auto-applied ↔ exception, other invoices, other write-off, other exception code), and in total per side:
// automation, precision against the labels, wrong postings (each listed), money written off; by entity, exception
// code and customer. Amounts leave as decimal strings.
import { fromMinor, toMinor } from "../money/money.ts";
import type { Decision } from "../cashapp/types.ts";
import type { Label } from "./label-receipts.ts";
import type { ReplayedReceipt } from "./replay-backtest.ts";

export type Verdict = "correct" | "wrong" | "unlabelled" | "exception";
export type SideView = {
  outcome: Decision["outcome"]; exceptionCode: string | null; confidence: number; verdict: Verdict;
  applications: { invoiceId: string; amount: string }[]; writeOff: { amount: string; reason: string } | null;
};
export type DiffRow = {
  receiptId: string; entity: string; customerId: string | null; payerName: string; amount: string; currency: string; arrivedAt: string;
  /** null: both policies decide it the same way (listed only among the draft's wrong postings). */
  change: "auto→exception" | "exception→auto" | "different invoices" | "different write-off" | "different exception code" | null;
  live: SideView; draft: SideView; label: Label["kind"];
};
export type SideFigures = {
  receipts: number; autoApplied: number; exceptions: number; correct: number; wrong: number; unlabelledAuto: number;
  automation: number; precision: number | null; writtenOff: Record<string, string>; exceptionCodes: Record<string, number>;
};
type Breakdown = Record<string, { changed: number; liveAuto: number; draftAuto: number; liveWrong: number; draftWrong: number }>;
export type BacktestComparison = {
  live: SideFigures; draft: SideFigures; changed: number;
  /** The draft would have posted more receipts wrongly than the live policy did: shown in red, first. */
  moreWrongThanLive: boolean; extraWrong: number;
  draftWrongPostings: DiffRow[]; rows: DiffRow[];
  byEntity: Breakdown; byCode: Breakdown; byCustomer: Breakdown;
};

export function verdictOf(d: Decision, label: Label): Verdict {
  if (d.outcome !== "applied") return "exception";
  if (label.kind === "unlabelled") return "unlabelled";
  const got = new Map<string, bigint>();
  for (const a of d.applications) got.set(a.invoice_id, (got.get(a.invoice_id) ?? 0n) + toMinor(a.amount, d.currency));
  if (got.size !== label.truth.size) return "wrong";
  for (const [id, amount] of got) if (label.truth.get(id) !== amount) return "wrong";
  return "correct";
}

const view = (d: Decision, label: Label): SideView => ({
  outcome: d.outcome, exceptionCode: d.exception_code, confidence: d.confidence, verdict: verdictOf(d, label),
  applications: d.applications.map((a) => ({ invoiceId: a.invoice_id, amount: a.amount })), writeOff: d.write_off,
});

function changeOf(a: Decision, b: Decision): DiffRow["change"] {
  if (a.outcome !== b.outcome) return a.outcome === "applied" ? "auto→exception" : "exception→auto";
  const key = (d: Decision) => d.applications.map((x) => `${x.invoice_id}=${x.amount}`).sort().join(",");
  if (a.outcome === "applied") {
    if (key(a) !== key(b)) return "different invoices";
    if ((a.write_off?.amount ?? "") !== (b.write_off?.amount ?? "") || (a.write_off?.reason ?? "") !== (b.write_off?.reason ?? "")) return "different write-off";
    return null;
  }
  return a.exception_code !== b.exception_code ? "different exception code" : null;
}

function emptyFigures(): SideFigures & { off: Map<string, bigint> } {
  return { receipts: 0, autoApplied: 0, exceptions: 0, correct: 0, wrong: 0, unlabelledAuto: 0, automation: 0, precision: null, writtenOff: {}, exceptionCodes: {}, off: new Map() };
}

function count(f: ReturnType<typeof emptyFigures>, d: Decision, v: Verdict) {
  f.receipts++;
  if (d.outcome === "applied") {
    f.autoApplied++;
    if (v === "correct") f.correct++;
    else if (v === "wrong") f.wrong++;
    else f.unlabelledAuto++;
    if (d.write_off) f.off.set(d.currency, (f.off.get(d.currency) ?? 0n) + toMinor(d.write_off.amount, d.currency));
  } else {
    f.exceptions++;
    const code = d.exception_code ?? "NONE";
    f.exceptionCodes[code] = (f.exceptionCodes[code] ?? 0) + 1;
  }
}

function finish(f: ReturnType<typeof emptyFigures>): SideFigures {
  const { off, ...rest } = f;
  const judged = f.correct + f.wrong;
  return {
    ...rest, automation: f.receipts ? round4(f.autoApplied / f.receipts) : 0, precision: judged ? round4(f.correct / judged) : null,
    writtenOff: Object.fromEntries([...off].sort(([a], [b]) => a.localeCompare(b)).map(([c, m]) => [c, fromMinor(m, c)])),
  };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function bump(b: Breakdown, key: string, changed: boolean, live: SideView, draft: SideView) {
  const e = (b[key] ??= { changed: 0, liveAuto: 0, draftAuto: 0, liveWrong: 0, draftWrong: 0 });
  if (changed) e.changed++;
  if (live.outcome === "applied") e.liveAuto++;
  if (draft.outcome === "applied") e.draftAuto++;
  if (live.verdict === "wrong") e.liveWrong++;
  if (draft.verdict === "wrong") e.draftWrong++;
}

export function compareBacktest(replayed: ReplayedReceipt[], labels: Map<string, Label>): BacktestComparison {
  const live = emptyFigures(), draft = emptyFigures();
  const rows: DiffRow[] = [], draftWrongPostings: DiffRow[] = [];
  const byEntity: Breakdown = {}, byCode: Breakdown = {}, byCustomer: Breakdown = {};
  for (const { receipt, live: l, draft: d } of replayed) {
    const label = labels.get(receipt.id) ?? { kind: "unlabelled" as const, truth: null, engineReversed: false };
    const lv = view(l, label), dv = view(d, label);
    count(live, l, lv.verdict);
    count(draft, d, dv.verdict);
    const change = changeOf(l, d);
    const row: DiffRow = {
      receiptId: receipt.id, entity: receipt.entity, customerId: receipt.customerId, payerName: receipt.payerName, amount: receipt.amount,
      currency: receipt.currency, arrivedAt: new Date(receipt.arrivedAt).toISOString(), change, live: lv, draft: dv, label: label.kind,
    };
    if (change) rows.push(row);
    if (dv.verdict === "wrong") draftWrongPostings.push(row);
    bump(byEntity, receipt.entity, !!change, lv, dv);
    bump(byCustomer, receipt.customerId ?? "(unidentified)", !!change, lv, dv);
    bump(byCode, l.exception_code ?? d.exception_code ?? "APPLIED", !!change, lv, dv);
  }
  const liveF = finish(live), draftF = finish(draft);
  return {
    live: liveF, draft: draftF, changed: rows.length, moreWrongThanLive: draftF.wrong > liveF.wrong, extraWrong: draftF.wrong - liveF.wrong,
    draftWrongPostings, rows, byEntity, byCode, byCustomer,
  };
}
