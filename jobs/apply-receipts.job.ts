// Worker side of the cash-application job (spec in lib/cash-application/apply-receipts-job-spec.ts). Jobs fetched
// together (a burst of card payments, a statement's chunks) are decided in one engine pass and written in one
// batch, each receipt keeping its own job's correlation id and priority; each job is settled on its own.
import { defineJob, singleFromBatch, type JobContext } from "../lib/jobs/define-job.ts";
import { applyReceiptsJob } from "../lib/cash-application/apply-receipts-job-spec.ts";
import { applyReceipts } from "../lib/cash-application/apply-receipts.ts";

type Item = { data: { receiptIds: string[]; reason: "new" | "retry" | "replay" | "remittance" }; ctx: JobContext };

async function applyBatch(items: Item[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const reason of new Set(items.map((i) => i.data.reason))) {
    const group = items.filter((i) => i.data.reason === reason);
    const cid = new Map<string, string>();
    const priority = new Map<string, number>();
    for (const { data, ctx } of group) {
      for (const id of data.receiptIds) {
        cid.set(id, ctx.correlationId);
        priority.set(id, data.receiptIds.length <= 5 ? 10 : 0);
      }
    }
    const started = Date.now();
    try {
      const timings: Record<string, number> = {};
      const counts = await applyReceipts([...cid.keys()], reason, { correlationIdOf: (id) => cid.get(id)!, priorityOf: (id) => priority.get(id) ?? 0 }, 0, timings);
      group[0]!.ctx.log("cash.applied_batch", { jobs: group.length, receipts: cid.size, ...counts, ms: Date.now() - started, timings });
      for (const { ctx } of group) out.set(ctx.jobId, { batchedWith: group.length, ...counts });
    } catch (err) {
      for (const { ctx } of group) out.set(ctx.jobId, err instanceof Error ? err : new Error(String(err)));
    }
  }
  return out;
}

export const applyReceiptsJobDefinition = defineJob({
  ...applyReceiptsJob,
  handler: singleFromBatch(applyBatch),
  handleBatch: applyBatch,
});
