// Finds the write-off waiting on a case and locks what deciding on it needs, receipt first then case (the same
// order every action uses, so approvals and applications never deadlock).
import { problem } from "../http/problem.ts";
import { lockActiveCase, lockReceipt, type Tx } from "./action-context.ts";
import { writeOffProposalSchema } from "./write-off-proposal.ts";

export async function loadPendingWriteOff(tx: Tx, caseId: string) {
  const found = await tx.exceptionCase.findUnique({ where: { id: caseId }, select: { receiptId: true } });
  if (!found) throw problem(404, `case ${caseId} not found`);
  if (!found.receiptId) throw problem(409, "no write-off is waiting for approval on this case");
  const receipt = await lockReceipt(tx, found.receiptId);
  const activeCase = await lockActiveCase(tx, receipt.id);
  if (!activeCase || activeCase.id !== caseId || activeCase.status !== "PENDING_APPROVAL") {
    throw problem(409, "no write-off is waiting for approval on this case: someone may have decided on it already. Reload to see.");
  }
  const parsed = writeOffProposalSchema.safeParse(activeCase.proposal);
  if (!parsed.success) throw problem(409, "the pending write-off on this case is unreadable; reject it and propose again");
  return { receipt, activeCase, proposal: parsed.data };
}
