// The second signature on a PREPARED sign-off: a different controller or admin. The checklist is computed again
// inside this transaction (period locked exclusively); if anything still blocks, the approver must override it
// with a reason of their own (at least MIN_JUSTIFICATION characters). The period is then LOCKED. Either person
// may also reject a prepared sign-off (nothing is locked; it can be prepared again). Both audited.
import { z } from "zod";
import { db, type Prisma } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import { blockersOf, describeBlockers, lockedChecklist, MIN_JUSTIFICATION, type SignOffActor } from "./sign-off-period.ts";

export const approveSignOffBody = z.object({
  note: z.string().trim().max(2000).optional()
    .describe(`required (at least ${MIN_JUSTIFICATION} characters) to override checks that still block`),
});
export const rejectSignOffBody = z.object({ reason: z.string().trim().min(3).max(2000) });
export const signOffIdParams = z.object({ id: z.string().trim().min(1).max(64) });

async function loadPrepared(tx: Prisma.TransactionClient, id: string) {
  const row = await tx.closeSignOff.findUnique({ where: { id } });
  if (!row) throw problem(404, `sign-off ${id} not found`);
  const entity = await tx.legalEntity.findUniqueOrThrow({ where: { id: row.entityId }, select: { code: true } });
  return { row, code: entity.code };
}

export async function approveSignOff(id: string, body: z.infer<typeof approveSignOffBody>, actor: SignOffActor, now = new Date()) {
  return db.$transaction(async (tx) => {
    const { row, code } = await loadPrepared(tx, id);
    const { checklist } = await lockedChecklist(tx, code, row.period, now);
    const current = await tx.closeSignOff.findUniqueOrThrow({ where: { id } });
    if (current.status !== "PREPARED") throw problem(409, `${code} ${row.period} is not waiting for a second signature (it is ${current.status.toLowerCase()})`);
    if (current.signedById === actor.id) throw problem(403, "You prepared this sign-off: a second person must approve it.");
    const blockers = blockersOf(checklist);
    const note = body.note?.trim() || null;
    if (blockers.length > 0 && (note?.length ?? 0) < MIN_JUSTIFICATION) {
      throw problem(422, `${blockers.length} check(s) still block ${code} ${row.period}: ${describeBlockers(blockers)}. ` +
        `To close over them, give your own reason of at least ${MIN_JUSTIFICATION} characters.`, {
        errors: [{ path: "body.note", message: `at least ${MIN_JUSTIFICATION} characters while ${blockers.length} check(s) block` }],
      });
    }
    await tx.closeSignOff.update({ where: { id }, data: { status: "LOCKED", approvedById: actor.id, approvedAt: now, blockersSnapshot: blockers as Prisma.InputJsonValue } });
    await writeAudit({
      actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "close.signed_off", targetType: "CloseSignOff", targetId: id,
      details: { entity: code, period: row.period, preparedById: current.signedById, overrideReason: note, blockers: blockers.map((b) => ({ key: b.key, count: b.count })) },
      ip: actor.ip, requestId: actor.requestId,
    }, tx);
    const signer = await tx.user.findUnique({ where: { id: current.signedById }, select: { name: true } });
    return {
      id, entity: code, period: row.period, signedById: current.signedById, signedBy: signer?.name ?? current.signedById, signedAt: current.signedAt.toISOString(),
      justification: current.justification, blockersSnapshot: blockers, status: "LOCKED" as const, approvedById: actor.id, approvedBy: actor.name, approvedAt: now.toISOString(),
    };
  });
}

export async function rejectSignOff(id: string, body: z.infer<typeof rejectSignOffBody>, actor: SignOffActor) {
  return db.$transaction(async (tx) => {
    const { row, code } = await loadPrepared(tx, id);
    const updated = await tx.closeSignOff.updateMany({ where: { id, status: "PREPARED" }, data: { status: "REJECTED", approvedById: actor.id, approvedAt: new Date() } });
    if (updated.count !== 1) throw problem(409, `${code} ${row.period} is not waiting for a second signature`);
    await writeAudit({
      actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "close.sign_off_rejected", targetType: "CloseSignOff", targetId: id,
      details: { entity: code, period: row.period, preparedById: row.signedById, reason: body.reason }, ip: actor.ip, requestId: actor.requestId,
    }, tx);
    return { id, status: "REJECTED" as const };
  });
}
