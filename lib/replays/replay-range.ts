// Re-runs everything in a time window that did not finish: postings not acknowledged, webhook deliveries that
// died, receipts the cash-application engine never decided. Every step is idempotent (dedupe keys, natural keys,
// idempotency keys at the ERP), so replaying the same window twice changes nothing the second time.
import { db } from "../db/client.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { erpPostingJob } from "../posting/erp-posting-job-spec.ts";
import { requeueCashApplication } from "./requeue-cash-application.ts";
import type { ReplayResult } from "./replay-job.ts";

export async function replayRange(input: { from: Date; to: Date; what: ("postings" | "webhooks" | "cash_application")[] }): Promise<ReplayResult> {
  const details: Record<string, number> = {};
  let requeued = 0;
  if (input.what.includes("postings")) {
    const entries = await db.journalEntry.findMany({ where: { status: { in: ["PENDING", "FAILED"] }, createdAt: { gte: input.from, lt: input.to } }, select: { id: true, status: true } });
    await db.journalEntry.updateMany({ where: { id: { in: entries.filter((e) => e.status === "FAILED").map((e) => e.id) } }, data: { status: "PENDING" } });
    let n = 0;
    for (const e of entries) if (await enqueue(erpPostingJob, { journalEntryId: e.id }, { correlationId: `replay-${e.id}` })) n++;
    details.postings = n;
    requeued += n;
  }
  if (input.what.includes("webhooks")) {
    const reset = await db.$executeRaw`
      update "WebhookDelivery" d set status = 'PENDING', attempts = 0, "nextAttemptAt" = now(), "lastError" = null
      from "WorkflowEvent" e where e.id = d."eventId" and d.status = 'DEAD' and e."recordedAt" >= ${input.from} and e."recordedAt" < ${input.to}
        and exists (select 1 from "WebhookSubscriber" s where s.id = d."subscriberId" and s."deletedAt" is null)`; // not a deleted subscriber's
    details.webhooks = reset;
  }
  if (input.what.includes("cash_application")) {
    const n = await requeueCashApplication(input.from, input.to);
    details.cash_application = n;
    requeued += n;
  }
  return { status: "replayed", requeued, details };
}
