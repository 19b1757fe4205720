// The approvals inbox on an approver's home page: what is waiting for THIS person's decision, with a count.
// - Write-offs: cases PENDING_APPROVAL whose proposal someone else made and whose amount the user's own
//   write-off limit covers (the rules approve-write-off.ts enforces; a case they cannot approve is not theirs).
// - Refunds: a slot for the refunds another branch is adding. A source registers itself in APPROVAL_SOURCES; the
//   inbox lists whatever every source returns, so adding refunds needs no change here or on the home page.
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import type { SessionUser } from "../auth/session.ts";
import { writeOffProposalSchema } from "../exceptions/write-off-proposal.ts";

export type ApprovalItem = {
  kind: "write_off" | "refund"; id: string; href: string; title: string; currency: string; amount: string;
  proposedBy: string; proposedAt: string; reason: string | null;
};
export type ApprovalSource = { kind: ApprovalItem["kind"]; label: string; list: (user: Pick<SessionUser, "id" | "writeOffLimitMinor">) => Promise<ApprovalItem[]> };

async function writeOffsWaiting(user: Pick<SessionUser, "id" | "writeOffLimitMinor">): Promise<ApprovalItem[]> {
  const cases = await db.exceptionCase.findMany({
    where: { status: "PENDING_APPROVAL", OR: [{ proposedById: null }, { proposedById: { not: user.id } }] },
    select: { id: true, code: true, proposal: true, proposedAt: true, receipt: { select: { payerName: true } } },
    orderBy: [{ proposedAt: "asc" }, { id: "asc" }],
    take: 200,
  });
  const out: ApprovalItem[] = [];
  for (const c of cases) {
    const p = writeOffProposalSchema.safeParse(c.proposal);
    if (!p.success || p.data.proposedById === user.id || BigInt(p.data.writeOffMinor) > user.writeOffLimitMinor) continue;
    out.push({
      kind: "write_off", id: c.id, href: `/exceptions/${c.id}`, title: `Write-off on ${c.receipt?.payerName ?? c.code.toLowerCase().replaceAll("_", " ")}`,
      currency: p.data.currency, amount: fromMinor(BigInt(p.data.writeOffMinor), p.data.currency),
      proposedBy: p.data.proposedByName, proposedAt: (c.proposedAt ?? new Date(p.data.proposedAt)).toISOString(), reason: p.data.reasonCode,
    });
  }
  return out;
}

/** Every kind of approval the inbox shows. Refunds: append { kind: "refund", label: "Refunds", list } here. */
export const APPROVAL_SOURCES: ApprovalSource[] = [{ kind: "write_off", label: "Write-offs", list: writeOffsWaiting }];
export const APPROVAL_SLOTS: { kind: ApprovalItem["kind"]; label: string }[] = [
  { kind: "write_off", label: "Write-offs" },
  { kind: "refund", label: "Refunds" },
];

export async function listApprovalsInbox(user: Pick<SessionUser, "id" | "writeOffLimitMinor">): Promise<{ count: number; items: ApprovalItem[]; sources: { kind: string; label: string; available: boolean; count: number }[] }> {
  const lists = await Promise.all(APPROVAL_SOURCES.map((s) => s.list(user)));
  const items = lists.flat().sort((a, b) => a.proposedAt.localeCompare(b.proposedAt));
  return {
    count: items.length,
    items,
    sources: APPROVAL_SLOTS.map((slot) => ({
      kind: slot.kind, label: slot.label, available: APPROVAL_SOURCES.some((s) => s.kind === slot.kind), count: items.filter((i) => i.kind === slot.kind).length,
    })),
  };
}
