// Payer identities proposed by manual applications and not yet in a draft (for the Rules page).
import { db } from "../db/client.ts";

export async function listLearnedPayerProposals() {
  const rows = await db.learnedPayer.findMany({
    where: { activatedAt: null, revokedAt: null, proposalChangeId: null }, orderBy: { createdAt: "asc" }, take: 500,
    include: { customer: { select: { name: true, entity: { select: { code: true } } } } },
  });
  const users = await db.user.findMany({ where: { id: { in: rows.map((r) => r.createdById ?? "") } }, select: { id: true, name: true } });
  return rows.map((r) => ({
    id: r.id, entity: r.customer.entity.code, customerName: r.customer.name, payerName: r.payerName, payerAccount: r.payerAccount,
    proposedBy: users.find((u) => u.id === r.createdById)?.name ?? null, proposedAt: r.createdAt.toISOString(),
  }));
}
