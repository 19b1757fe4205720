// A stored backtest as people see it, its diff rows (filtered, sorted, as JSON or CSV), and a draft's latest one.
import type { z } from "zod";
import { db } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { backtestSummarySchema, diffRowSchema, type backtestRowsQuery, type backtestView } from "../backtest/backtest-schemas.ts";
import { toMinor } from "../money/money.ts";

type Row = NonNullable<Awaited<ReturnType<typeof db.policyBacktest.findUnique>>>;

async function liveVersionOf(entityId: string) {
  return (await db.matchingPolicy.findFirst({ where: { entityId, active: true }, orderBy: { version: "desc" } }))?.version ?? 0;
}

export async function backtestViewOf(b: Row): Promise<z.infer<typeof backtestView>> {
  const [user, live] = await Promise.all([db.user.findUnique({ where: { id: b.startedById }, select: { name: true } }), liveVersionOf(b.entityId)]);
  const summary = b.summary ? backtestSummarySchema.safeParse(b.summary) : null;
  return {
    id: b.id, changeId: b.changeId, status: b.status as "RUNNING" | "DONE" | "FAILED", from: b.fromDate.toISOString(), to: b.toDate.toISOString(),
    liveVersion: b.liveVersion, stale: b.liveVersion !== live, startedBy: user?.name ?? b.startedById, startedAt: b.startedAt.toISOString(),
    finishedAt: b.finishedAt?.toISOString() ?? null, error: b.error, summary: summary?.success ? summary.data : null,
  };
}

export async function getPolicyBacktest(id: string) {
  const b = await db.policyBacktest.findUnique({ where: { id } });
  if (!b) throw problem(404, `backtest ${id} not found`);
  return backtestViewOf(b);
}

export async function latestBacktestOf(changeId: string) {
  const b = await db.policyBacktest.findFirst({ where: { changeId }, orderBy: { startedAt: "desc" } });
  return b ? backtestViewOf(b) : null;
}

const CSV_COLUMNS = ["receipt_id", "entity", "customer_id", "payer_name", "amount", "currency", "arrived_at", "change", "label",
  "live_outcome", "live_code", "live_verdict", "live_invoices", "live_write_off", "draft_outcome", "draft_code", "draft_verdict", "draft_invoices", "draft_write_off"];
const cell = (v: unknown) => { const s = v === null || v === undefined ? "" : String(v); return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
const invoices = (apps: { invoiceId: string; amount: string }[]) => apps.map((a) => `${a.invoiceId}=${a.amount}`).join(" ");

type RowsQuery = z.infer<typeof backtestRowsQuery>;

async function pickRows(id: string, q: RowsQuery) {
  const b = await db.policyBacktest.findUnique({ where: { id }, select: { rows: true, status: true } });
  if (!b) throw problem(404, `backtest ${id} not found`);
  const all = diffRowSchema.array().parse(b.rows ?? []);
  const picked = q.filter === "wrong" ? all.filter((r) => r.draft.verdict === "wrong") : all.filter((r) => r.change !== null);
  const key: Record<typeof q.sort, (r: (typeof all)[number]) => string | bigint> = {
    amount: (r) => toMinor(r.amount, r.currency), arrivedAt: (r) => r.arrivedAt, change: (r) => r.change ?? "", customer: (r) => r.customerId ?? "",
  };
  const k = key[q.sort];
  picked.sort((a, b) => { const x = k(a), y = k(b); const c = x < y ? -1 : x > y ? 1 : 0; return q.dir === "asc" ? c : -c; });
  return picked;
}

/** The diff as a CSV file (every row of the filter, sorted): for spreadsheets and the approval's evidence. */
export async function exportPolicyBacktestCsv(id: string, q: RowsQuery): Promise<string> {
  const picked = await pickRows(id, q);
  const lines = picked.map((r) => [r.receiptId, r.entity, r.customerId, r.payerName, r.amount, r.currency, r.arrivedAt, r.change, r.label,
    r.live.outcome, r.live.exceptionCode, r.live.verdict, invoices(r.live.applications), r.live.writeOff ? `${r.live.writeOff.amount} ${r.live.writeOff.reason}` : "",
    r.draft.outcome, r.draft.exceptionCode, r.draft.verdict, invoices(r.draft.applications), r.draft.writeOff ? `${r.draft.writeOff.amount} ${r.draft.writeOff.reason}` : ""].map(cell).join(","));
  return [CSV_COLUMNS.join(","), ...lines].join("\r\n") + "\r\n";
}

export async function getPolicyBacktestRows(id: string, q: RowsQuery) {
  const picked = await pickRows(id, q);
  return { items: picked.slice(0, 1000), total: picked.length, truncated: picked.length > 1000 };
}
