// One zod schema per backtest shape: API validation, TypeScript types and the OpenAPI document.
import { z } from "zod";

const sideFigures = z.object({
  receipts: z.number().int(), autoApplied: z.number().int(), exceptions: z.number().int(),
  correct: z.number().int().describe("auto-applied exactly as what finally happened"),
  wrong: z.number().int().describe("auto-applied differently from what finally happened: wrong postings"),
  unlabelledAuto: z.number().int().describe("auto-applied receipts still without a final outcome"),
  automation: z.number().describe("share of receipts auto-applied"), precision: z.number().nullable().describe("correct / (correct + wrong)"),
  writtenOff: z.record(z.string(), z.string()).describe("money written off, per currency (decimal strings)"),
  exceptionCodes: z.record(z.string(), z.number().int()),
});
const breakdown = z.record(z.string(), z.object({ changed: z.number().int(), liveAuto: z.number().int(), draftAuto: z.number().int(), liveWrong: z.number().int(), draftWrong: z.number().int() }));

export const backtestSummarySchema = z.object({
  live: sideFigures, draft: sideFigures, changed: z.number().int(),
  moreWrongThanLive: z.boolean().describe("the draft would have posted more receipts wrongly than the live policy"),
  extraWrong: z.number().int(), draftWrongPostingCount: z.number().int(),
  byEntity: breakdown, byCode: breakdown, byCustomer: breakdown,
  window: z.object({ from: z.string(), to: z.string(), entities: z.array(z.string()).nullable() }),
  timing: z.object({ loadMs: z.number(), replayMs: z.number(), receiptsPerSecond: z.number(), historyRows: z.number() }),
});
export type BacktestSummary = z.infer<typeof backtestSummarySchema>;

const sideView = z.object({
  outcome: z.enum(["applied", "exception"]), exceptionCode: z.string().nullable(), confidence: z.number(),
  verdict: z.enum(["correct", "wrong", "unlabelled", "exception"]),
  applications: z.array(z.object({ invoiceId: z.string(), amount: z.string() })),
  writeOff: z.object({ amount: z.string(), reason: z.string() }).nullable(),
});
export const diffRowSchema = z.object({
  receiptId: z.string(), entity: z.string(), customerId: z.string().nullable(), payerName: z.string(), amount: z.string(), currency: z.string(), arrivedAt: z.string(),
  change: z.enum(["auto→exception", "exception→auto", "different invoices", "different write-off", "different exception code"]).nullable(),
  live: sideView, draft: sideView, label: z.enum(["auto", "person", "none", "unlabelled"]),
});

export const backtestView = z.object({
  id: z.string(), changeId: z.string(), status: z.enum(["RUNNING", "DONE", "FAILED"]), from: z.string(), to: z.string(),
  liveVersion: z.number().int(), stale: z.boolean().describe("the live policy changed since: run it again before approving"),
  startedBy: z.string(), startedAt: z.string(), finishedAt: z.string().nullable(), error: z.string().nullable(), summary: backtestSummarySchema.nullable(),
});
export const backtestRowsResponse = z.object({ items: z.array(diffRowSchema), total: z.number().int(), truncated: z.boolean() });
export const backtestParams = z.object({ id: z.string().trim().min(1).max(64) });
export const runBacktestBody = z.object({
  from: z.iso.date().optional().describe("first day of the window (default: 90 days before `to`)"),
  to: z.iso.date().optional().describe("last day of the window (default: today)"),
}).refine((b) => !b.from || !b.to || b.from <= b.to, { message: "from must not be after to", path: ["from"] });
export const backtestRowsQuery = z.object({
  filter: z.enum(["changed", "wrong"]).default("changed"),
  sort: z.enum(["amount", "arrivedAt", "change", "customer"]).default("arrivedAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  format: z.enum(["json", "csv"]).default("json"),
});
