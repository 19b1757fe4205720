// Re-runs one failed or dead-lettered job with its original payload and correlation id. The dead-letter copy is
// removed in the same step, so a second replay of the same job answers "already_replayed" and sends nothing.
import { z } from "zod";
import { getBoss } from "../jobs/boss.ts";
import { ensureQueue } from "../jobs/queues.ts";
import { envelopeSchema, type JobSpec } from "../jobs/define-job.ts";
import { db } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { prepareForReplay } from "./prepare-for-replay.ts";

export type ReplayResult = { status: "replayed" | "already_replayed"; requeued: number; details: Record<string, number> };

export async function replayJob(specs: JobSpec[], input: { queue: string; jobId: string }): Promise<ReplayResult> {
  const original = input.queue.replace(/\.dead$/, "");
  const spec = specs.find((s) => s.name === original);
  if (!spec) throw problem(404, `no job queue named ${original}`);
  const rows = await db.$queryRaw<{ name: string; data: unknown; state: string }[]>`
    select name, data, state::text as state from pgboss.job where id = ${input.jobId}::uuid and name in (${original}, ${`${original}.dead`})`;
  const row = rows.find((r) => r.name === input.queue) ?? rows[0];
  if (!row) return { status: "already_replayed", requeued: 0, details: {} };
  if (row.name === original && row.state !== "failed") throw problem(409, `job ${input.jobId} is ${row.state}, not failed: nothing to replay`);
  const envelope = envelopeSchema.extend({ error: z.string().optional() }).safeParse(row.data);
  if (!envelope.success) throw problem(422, `job ${input.jobId} carries no replayable payload`);
  const payload = spec.schema.safeParse(envelope.data.data);
  if (!payload.success) throw problem(422, `job ${input.jobId}'s payload no longer fits ${original}: ${payload.error.issues[0]?.message}`);
  await prepareForReplay(original, payload.data);
  const boss = await getBoss();
  await ensureQueue(boss, spec);
  const id = await boss.send(original, { cid: envelope.data.cid, data: payload.data as object }, { singletonKey: spec.dedupeKey(payload.data) });
  await boss.deleteJob(row.name, input.jobId);
  return { status: "replayed", requeued: id ? 1 : 0, details: { [original]: id ? 1 : 0 } };
}
