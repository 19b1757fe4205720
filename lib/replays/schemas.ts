import { z } from "zod";

export const replayBody = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("job"),
    queue: z.string().min(1).max(120).describe("the job's queue, or its dead-letter queue (<queue>.dead)"),
    jobId: z.string().uuid(),
  }),
  z.object({
    kind: z.literal("range"),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    what: z.array(z.enum(["postings", "webhooks", "cash_application"])).min(1).default(["postings", "webhooks", "cash_application"]),
  }).refine((v) => v.from < v.to, { message: "from must be before to", path: ["to"] }),
]);
export type ReplayBody = z.infer<typeof replayBody>;

export const replayResponse = z.object({
  status: z.enum(["replayed", "already_replayed"]),
  requeued: z.number().int().describe("jobs sent again (deduplicated: a job already queued is not queued twice)"),
  details: z.record(z.string(), z.number().int()),
});
