// The reason-code table per entity (admin): read (defaults created on first read) and change one code, audited.
import type { z } from "zod";
import { db } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { audit, runAction, type ActionContext } from "../exceptions/action-context.ts";
import { ensureReasonCodes } from "../remittance/default-reason-codes.ts";
import type { listReasonCodesResponse, reasonCodeRow, updateReasonCodeBody } from "./deduction-schemas.ts";

type Row = z.infer<typeof reasonCodeRow>;
type Code = Awaited<ReturnType<typeof db.deductionReasonCode.findMany>>[number];
const view = (r: Code, entityCode: string): Row => ({
  id: r.id, entityId: r.entityId, entityCode, code: r.code, label: r.label, category: r.category, glAccount: r.glAccount, ownerTeam: r.ownerTeam,
  validByDefault: r.validByDefault, slaDays: r.slaDays, autoWriteOffMinor: r.autoWriteOffMinor.toString(), externalCodes: r.externalCodes, active: r.active,
});

export async function listReasonCodes(): Promise<z.infer<typeof listReasonCodesResponse>> {
  const entities = await db.legalEntity.findMany({ select: { id: true, code: true }, orderBy: { code: "asc" } });
  for (const e of entities) await ensureReasonCodes(db, e.id);
  const codeOf = new Map(entities.map((e) => [e.id, e.code]));
  const rows = await db.deductionReasonCode.findMany({ orderBy: [{ entityId: "asc" }, { code: "asc" }] });
  return { items: rows.map((r) => view(r, codeOf.get(r.entityId) ?? r.entityId)).sort((a, b) => a.entityCode.localeCompare(b.entityCode) || a.code.localeCompare(b.code)) };
}

export async function updateReasonCode(ctx: ActionContext, id: string, body: z.infer<typeof updateReasonCodeBody>): Promise<Row> {
  return runAction(async (tx) => {
    const before = await tx.deductionReasonCode.findUnique({ where: { id } });
    if (!before) throw problem(404, `reason code ${id} not found`);
    const after = await tx.deductionReasonCode.update({ where: { id }, data: { ...body, autoWriteOffMinor: BigInt(body.autoWriteOffMinor), updatedById: ctx.actor.id } });
    const entity = await tx.legalEntity.findUniqueOrThrow({ where: { id: after.entityId }, select: { code: true } });
    await audit(ctx, tx, {
      action: "deduction_reason.updated", targetType: "DeductionReasonCode", targetId: id,
      details: { entity: entity.code, code: after.code, before: view(before, entity.code), after: view(after, entity.code) },
    });
    return view(after, entity.code);
  }, { needsQueue: false });
}
