// A controller signs a period off for one legal entity. The checklist is recomputed at the moment of signing; if
// anything still blocks, the sign-off is refused unless the controller writes down why the period may close
// anyway (at least MIN_JUSTIFICATION characters). What blocked is kept with the sign-off (blockersSnapshot), and
// the action is audited in the same transaction. A period is signed off once per entity.
import { z } from "zod";
import { db, Prisma } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import { parsePeriod, periodSchema } from "../dashboards/time.ts";
import { getCloseChecklist, signOffSchema } from "./get-close-checklist.ts";

export const MIN_JUSTIFICATION = 30;

export const signOffBody = z.object({
  entity: z.string().trim().min(1).max(20).describe("legal entity code"),
  period: periodSchema.describe("YYYY-MM"),
  justification: z.string().trim().max(2000).optional()
    .describe(`required (at least ${MIN_JUSTIFICATION} characters) while blocking items remain`),
});
export const signOffResponse = signOffSchema;

export type SignOffActor = { id: string; name: string; email: string; ip?: string | null; requestId?: string | null };

export async function signOffPeriod(input: z.infer<typeof signOffBody>, actor: SignOffActor, now = new Date()) {
  const { start } = parsePeriod(input.period);
  if (start > now) throw problem(422, `period ${input.period} has not started yet`);
  const readiness = await getCloseChecklist({ period: input.period, entity: input.entity }, now);
  const entity = readiness.entities[0];
  if (!entity) throw problem(404, `no legal entity with code ${input.entity}`);
  if (entity.signOff) {
    throw problem(409, `${input.entity} ${input.period} was already signed off by ${entity.signOff.signedBy} at ${entity.signOff.signedAt}`);
  }
  const blockers = entity.items.filter((i) => i.blocking).map(({ key, label, count, amounts }) => ({ key, label, count, amounts }));
  const justification = input.justification?.trim() || null;
  if (blockers.length > 0 && (justification?.length ?? 0) < MIN_JUSTIFICATION) {
    throw problem(422, `${blockers.length} check(s) still block ${input.entity} ${input.period}: ${blockers.map((b) => `${b.label} (${b.count})`).join(", ")}. ` +
      `Clear them, or give a written justification of at least ${MIN_JUSTIFICATION} characters to sign off anyway.`, {
      errors: [{ path: "body.justification", message: `at least ${MIN_JUSTIFICATION} characters while ${blockers.length} check(s) block` }],
    });
  }
  const entityRow = await db.legalEntity.findUniqueOrThrow({ where: { code: input.entity } });
  try {
    const created = await db.$transaction(async (tx) => {
      const row = await tx.closeSignOff.create({
        data: { entityId: entityRow.id, period: input.period, signedById: actor.id, signedAt: now, justification, blockersSnapshot: blockers as Prisma.InputJsonValue },
      });
      await writeAudit({
        actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "close.signed_off", targetType: "CloseSignOff", targetId: row.id,
        details: { entity: input.entity, period: input.period, blockers: blockers.map((b) => ({ key: b.key, count: b.count })), justification },
        ip: actor.ip, requestId: actor.requestId,
      }, tx);
      return row;
    });
    return {
      id: created.id, entity: input.entity, period: created.period, signedById: actor.id, signedBy: actor.name, signedAt: created.signedAt.toISOString(),
      justification: created.justification, blockersSnapshot: blockers,
    };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw problem(409, `${input.entity} ${input.period} was signed off by someone else a moment ago; reload`);
    }
    throw err;
  }
}
