// Shared by the resolution paths: lock a case (after its receipt, so locks are always taken receipt → case) and
// close it with a resolution, a timeline step and the note that says why.
import { problem } from "../http/problem.ts";
import type { Actor, Tx } from "./action-context.ts";
import { recordEvent } from "./action-context.ts";

export type LockedCase = { id: string; code: string; status: string; receiptId: string | null; entityId: string; version: number; suggestion: unknown };

export async function findCaseReceipt(tx: Tx, caseId: string): Promise<{ receiptId: string | null }> {
  const c = await tx.exceptionCase.findUnique({ where: { id: caseId }, select: { receiptId: true } });
  if (!c) throw problem(404, `case ${caseId} not found`);
  return c;
}

/** The case, locked; refused when it is already closed or not one of `codes`. */
export async function lockOpenCase(tx: Tx, caseId: string, codes?: readonly string[]): Promise<LockedCase> {
  const [c] = await tx.$queryRaw<LockedCase[]>`
    select id, code::text as code, status::text as status, "receiptId", "entityId", version, suggestion
    from "ExceptionCase" where id = ${caseId} for update`;
  if (!c) throw problem(404, `case ${caseId} not found`);
  if (c.status === "RESOLVED" || c.status === "CANCELLED") throw problem(409, `the case is already ${c.status.toLowerCase()}`);
  if (codes && !codes.includes(c.code)) throw problem(409, `this action is for ${codes.join(" / ")} cases; this case is ${c.code}`);
  return c;
}

export async function resolveCase(tx: Tx, input: { kase: LockedCase; actor: Actor; resolution: string; correlationId: string; eventType?: string; payload?: Record<string, unknown> }) {
  const now = new Date();
  await tx.exceptionCase.update({
    where: { id: input.kase.id },
    data: { status: "RESOLVED", resolution: input.resolution, resolvedAt: now, resolvedById: input.actor.id, version: { increment: 1 } },
  });
  await tx.exceptionNote.create({ data: { caseId: input.kase.id, authorId: input.actor.id, body: input.resolution } });
  await recordEvent(tx, {
    type: input.eventType ?? "reconciliation_exception.resolved", receiptId: input.kase.receiptId, entityId: input.kase.entityId,
    sourceId: `${input.kase.id}:resolved`, correlationId: input.correlationId, actorId: input.actor.id, exceptionCode: input.kase.code,
    payload: { caseId: input.kase.id, resolution: input.resolution, ...input.payload }, at: now,
  });
}
