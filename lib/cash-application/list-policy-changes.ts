// Matching-policy changes waiting for (or decided by) a second person, as people see them.
import { db } from "../db/client.ts";
import { readPolicyRow } from "./load-policies.ts";
import { effectiveOf, loosenings } from "./policy-guardrails.ts";

type Row = Awaited<ReturnType<typeof db.matchingPolicyChange.findFirstOrThrow>>;

async function view(rows: Row[]) {
  const [entities, users, active] = await Promise.all([
    db.legalEntity.findMany({ where: { id: { in: rows.map((r) => r.entityId) } }, select: { id: true, code: true } }),
    db.user.findMany({ where: { id: { in: rows.flatMap((r) => [r.requestedById, r.decidedById ?? ""]) } }, select: { id: true, name: true } }),
    db.matchingPolicy.findMany({ where: { entityId: { in: rows.map((r) => r.entityId) }, active: true } }),
  ]);
  const name = (id: string | null) => (id ? users.find((u) => u.id === id)?.name ?? id : null);
  return rows.map((r) => {
    const code = entities.find((e) => e.id === r.entityId)?.code ?? r.entityId;
    const override = readPolicyRow(code, { version: 0, policy: r.override }).override;
    const current = readPolicyRow(code, active.find((a) => a.entityId === r.entityId)).override;
    return {
      id: r.id, entity: code, override, reason: r.reason, status: r.status as "PENDING" | "APPROVED" | "REJECTED" | "WITHDRAWN",
      loosens: loosenings(effectiveOf(current), effectiveOf(override)),
      requestedBy: name(r.requestedById)!, requestedAt: r.requestedAt.toISOString(), decidedBy: name(r.decidedById), decidedAt: r.decidedAt?.toISOString() ?? null, version: r.version,
    };
  });
}

export async function listPendingPolicyChanges() {
  return { items: await view(await db.matchingPolicyChange.findMany({ where: { status: "PENDING" }, orderBy: { requestedAt: "asc" } })) };
}

export async function policyChangeOf(id: string) {
  return (await view([await db.matchingPolicyChange.findUniqueOrThrow({ where: { id } })]))[0]!;
}
