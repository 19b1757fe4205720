// Worker side of the scheduled IMAP poll (spec: lib/remittance/poll-mailbox-job-spec.ts). Nothing to do when the
// mailbox is not configured (the schedule does not enqueue then either).
import { defineJob } from "../lib/jobs/define-job.ts";
import { pollRemittanceMailboxJob } from "../lib/remittance/poll-mailbox-job-spec.ts";
import { remittanceMailboxConfig } from "../lib/remittance/mailbox-config.ts";
import { pollRemittanceMailbox } from "../lib/remittance/poll-remittance-mailbox.ts";

export const pollRemittanceMailboxJobDefinition = defineJob({
  ...pollRemittanceMailboxJob,
  handler: async (_data, ctx) => {
    const config = remittanceMailboxConfig();
    if (!config) return { skipped: "REMITTANCE_IMAP_HOST is not set" };
    const run = await pollRemittanceMailbox(config);
    if (run) ctx.log("remittance.mailbox_polled", { runId: run.runId, messages: run.outcomes.length });
    return { runId: run?.runId ?? null, messages: run?.outcomes.length ?? 0 };
  },
});
