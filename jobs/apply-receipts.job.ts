// Worker side of the cash-application job (spec in lib/cash-application/apply-receipts-job-spec.ts).
import { defineJob } from "../lib/jobs/define-job.ts";
import { applyReceiptsJob } from "../lib/cash-application/apply-receipts-job-spec.ts";
import { applyReceipts } from "../lib/cash-application/apply-receipts.ts";

export const applyReceiptsJobDefinition = defineJob({
  ...applyReceiptsJob,
  handler: async (data, ctx) => {
    const started = Date.now();
    const counts = await applyReceipts(data.receiptIds, data.reason, ctx.correlationId);
    ctx.log("cash.applied_batch", { receipts: data.receiptIds.length, ...counts, ms: Date.now() - started });
    return counts;
  },
});
