// Matching-policy changes waiting for (or decided by) a second person, as people see them.
import { db } from "../db/client.ts";
import { readPolicyRow } from "./load-policies.ts";
import { effectiveOf, loosenings } from "./policy-guardrails.ts";
import { learnedPayersDraftSchema } from "./backtest-policy-change.ts";
import { latestBacktestOf } from "./get-policy-backtest.ts";
import { backtestSummarySchema } from "../backtest/backtest-schemas.ts";

type Row = Awaited<ReturnType<typeof db.matchingPolicyChange.findFirstOrThrow>>;

async function view(rows: Row[]) {
  const [entities, users, active] = await Promise.all([
    db.legalEntity.findMany({ where: { id: { in: rows.map((r) => r.entityId) } }, select: { id: true, code: true } }),
    db.user.findMany({ where: { id: { in: rows.flatMap((r) => [r.requestedById, r.decidedById ?? ""]) } }, select: { id: true, name: true } }),
    db.matchingPolicy.findMany({ where: { entityId: { in: rows.map((r) => r.entityId) }, active: true } }),
  ]);
  const name = (id: string | null) => (id ? users.find((u) => u.id === id)?.name ?? id : null);
  const drafts = rows.map((r) => (r.kind === "LEARNED_PAYERS" ? learnedPayersDraftSchema.parse(r.learnedPayers ?? { add: [], revoke: [] }) : null));
  const identityIds = drafts.flatMap((d) => (d ? [...d.add, ...d.revoke] : []));
  const [identities, backtests] = await Promise.all([
    identityIds.length ? db.learnedPayer.findMany({ where: { id: { in: identityIds } }, include: { customer: { select: { name: true } } } }) : [],
    Promise.all(rows.map((r) => latestBacktestOf(r.id))),
  ]);
  const identity = (id: string) => {
    const l = identities.find((x) => x.id === id);
    return l ? [{ id, customerId: l.customerId, customerName: l.customer.name, payerName: l.payerName, payerAccount: l.payerAccount, learnedFromReceiptId: l.learnedFromReceiptId }] : [];
  };
  return rows.map((r, i) => {
    const d = drafts[i];
    const approved = r.backtest ? backtestSummarySchema.safeParse(r.backtest) : null;
    const code = entities.find((e) => e.id === r.entityId)?.code ?? r.entityId;
    const override = readPolicyRow(code, { version: 0, policy: r.override }).override;
    const current = readPolicyRow(code, active.find((a) => a.entityId === r.entityId)).override;
    return {
      id: r.id, entity: code, kind: r.kind as "POLICY" | "LEARNED_PAYERS", override, reason: r.reason, status: r.status as "PENDING" | "APPROVED" | "REJECTED" | "WITHDRAWN",
      learnedPayers: d ? { add: d.add.flatMap(identity), revoke: d.revoke.flatMap(identity) } : null,
      latestBacktest: backtests[i] ?? null, approvedBacktest: approved?.success ? approved.data : null,
      loosens: r.kind === "LEARNED_PAYERS" ? [] : loosenings(effectiveOf(current), effectiveOf(override)),
      requestedBy: name(r.requestedById)!, requestedById: r.requestedById, requestedAt: r.requestedAt.toISOString(), decidedBy: name(r.decidedById), decidedAt: r.decidedAt?.toISOString() ?? null, version: r.version,
    };
  });
}

export async function listPolicyChanges(status: "PENDING" | "DECIDED" | "ALL" = "PENDING") {
  const where = status === "PENDING" ? { status: "PENDING" } : status === "DECIDED" ? { status: { not: "PENDING" } } : {};
  const rows = await db.matchingPolicyChange.findMany({ where, orderBy: { requestedAt: status === "PENDING" ? "asc" : "desc" }, take: status === "PENDING" ? 200 : 50 });
  return { items: await view(rows) };
}

export async function policyChangeOf(id: string) {
  return (await view([await db.matchingPolicyChange.findUniqueOrThrow({ where: { id } })]))[0]!;
}
