// A controller signs a period off for one legal entity: the first signature. Everything happens in ONE transaction
// that first takes the period's exclusive lock (every person's money action holds it shared), so the checklist it
// computes is the one the lock is written against. Then:
//   - nothing blocks and the entity wants one signature        → LOCKED at once;
//   - nothing blocks and the entity wants two (closeTwoLevelSignOff) → PREPARED, waiting for a second person;
//   - something blocks (unposted receipts, open items, …)      → refused, unless the preparer writes why the period
//     may close anyway (at least MIN_JUSTIFICATION characters): then PREPARED, and only a DIFFERENT controller or
//     admin can override the blockers with a reason of their own (approve-sign-off.ts). One person never closes a
//     month over its blockers.
// What blocked is kept with the sign-off (blockersSnapshot); every step is audited in the same transaction.
import { z } from "zod";
import { db, Prisma } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import { parsePeriod, periodSchema } from "../dashboards/time.ts";
import { getCloseChecklist, signOffSchema, type EntityChecklist } from "./get-close-checklist.ts";
import { lockPeriodExclusive } from "./period-lock.ts";

export const MIN_JUSTIFICATION = 30;

export const signOffBody = z.object({
  entity: z.string().trim().min(1).max(20).describe("legal entity code"),
  period: periodSchema.describe("YYYY-MM"),
  justification: z.string().trim().max(2000).optional()
    .describe(`required (at least ${MIN_JUSTIFICATION} characters) while blocking items remain; a second person must then approve`),
});
export const signOffResponse = signOffSchema;

export type SignOffActor = { id: string; name: string; email: string; ip?: string | null; requestId?: string | null };
type Tx = Prisma.TransactionClient;

export function blockersOf(entity: EntityChecklist) {
  return entity.items.filter((i) => i.blocking).map(({ key, label, count, amounts }) => ({ key, label, count, amounts }));
}

export function describeBlockers(blockers: ReturnType<typeof blockersOf>): string {
  return blockers.map((b) => `${b.label} (${b.count})`).join(", ");
}

/** The entity's checklist for the period, computed on this transaction after taking the period's exclusive lock. */
export async function lockedChecklist(tx: Tx, entityCode: string, period: string, now: Date) {
  const entityRow = await tx.legalEntity.findUnique({ where: { code: entityCode } });
  if (!entityRow) throw problem(404, `no legal entity with code ${entityCode}`);
  await lockPeriodExclusive(tx, entityRow.id, period);
  const readiness = await getCloseChecklist({ period, entity: entityCode }, now, tx);
  return { entityRow, checklist: readiness.entities[0]! };
}

export async function signOffPeriod(input: z.infer<typeof signOffBody>, actor: SignOffActor, now = new Date()) {
  const { start } = parsePeriod(input.period);
  if (start > now) throw problem(422, `period ${input.period} has not started yet`);
  try {
    return await db.$transaction(async (tx) => {
      const { entityRow, checklist } = await lockedChecklist(tx, input.entity, input.period, now);
      if (checklist.signOff) {
        const what = checklist.signOff.status === "LOCKED" ? "signed off" : "prepared for sign-off";
        throw problem(409, `${input.entity} ${input.period} was already ${what} by ${checklist.signOff.signedBy} at ${checklist.signOff.signedAt}`);
      }
      const blockers = blockersOf(checklist);
      const justification = input.justification?.trim() || null;
      if (blockers.length > 0 && (justification?.length ?? 0) < MIN_JUSTIFICATION) {
        throw problem(422, `${blockers.length} check(s) still block ${input.entity} ${input.period}: ${describeBlockers(blockers)}. ` +
          `Clear them, or give a written justification of at least ${MIN_JUSTIFICATION} characters: a second person must then approve the override.`, {
          errors: [{ path: "body.justification", message: `at least ${MIN_JUSTIFICATION} characters while ${blockers.length} check(s) block` }],
        });
      }
      const status = blockers.length > 0 || entityRow.closeTwoLevelSignOff ? "PREPARED" : "LOCKED";
      const row = await tx.closeSignOff.create({
        data: { entityId: entityRow.id, period: input.period, status, signedById: actor.id, signedAt: now, justification, blockersSnapshot: blockers as Prisma.InputJsonValue },
      });
      await writeAudit({
        actorType: "user", actorId: actor.id, actorLabel: actor.email, action: status === "LOCKED" ? "close.signed_off" : "close.prepared", targetType: "CloseSignOff", targetId: row.id,
        details: { entity: input.entity, period: input.period, status, blockers: blockers.map((b) => ({ key: b.key, count: b.count })), justification },
        ip: actor.ip, requestId: actor.requestId,
      }, tx);
      return {
        id: row.id, entity: input.entity, period: row.period, signedById: actor.id, signedBy: actor.name, signedAt: row.signedAt.toISOString(),
        justification: row.justification, blockersSnapshot: blockers, status, approvedById: null, approvedBy: null, approvedAt: null,
      };
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw problem(409, `${input.entity} ${input.period} was signed off by someone else a moment ago; reload`);
    }
    throw err;
  }
}
