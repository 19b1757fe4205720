// One entry for both kinds of replay, audited.
import { db } from "../db/client.ts";
import { writeAudit, type AuditInput } from "../audit/write-audit.ts";
import type { JobSpec } from "../jobs/define-job.ts";
import type { ReplayBody } from "./schemas.ts";
import { replayJob } from "./replay-job.ts";
import { replayRange } from "./replay-range.ts";

export async function replay(specs: JobSpec[], body: ReplayBody, actor: Pick<AuditInput, "actorType" | "actorId" | "actorLabel" | "ip">) {
  const result = body.kind === "job" ? await replayJob(specs, body) : await replayRange({ from: new Date(body.from), to: new Date(body.to), what: body.what });
  await writeAudit({ ...actor, action: `replay.${body.kind}`, targetType: body.kind === "job" ? "Job" : "TimeRange", targetId: body.kind === "job" ? body.jobId : `${body.from}..${body.to}`, details: { request: body, result } }, db);
  return result;
}
