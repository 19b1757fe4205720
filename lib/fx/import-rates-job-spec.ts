// The scheduled ECB import as senders see it: one job per URL and time slot (stately: one queued + one active per
// key), so several workers running the same schedule import once. Retried with backoff (the ECB site may be down).
import { z } from "zod";
import { defineJobSpec } from "../jobs/define-job.ts";

export const importFxRatesJob = defineJobSpec({
  name: "fx.import-rates",
  schema: z.object({ url: z.string().url(), slot: z.string() }),
  queue: { retryLimit: 5, retryDelay: 30, retryBackoff: true, retryDelayMax: 900, expireInSeconds: 300, policy: "stately" },
  dedupeKey: (d) => `${d.url}|${d.slot}`,
});
