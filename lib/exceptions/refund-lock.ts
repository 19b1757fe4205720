// Locks a refund request with its receipt (receipt first, like every receipt action) for approve / confirm / cancel.
import { problem } from "../http/problem.ts";
import { lockActiveCase, lockReceipt, type Tx } from "./action-context.ts";

export async function lockRefund(tx: Tx, refundId: string, allowed: readonly string[]) {
  const found = await tx.refundRequest.findUnique({ where: { id: refundId }, select: { receiptId: true } });
  if (!found) throw problem(404, `refund ${refundId} not found`);
  const receipt = await lockReceipt(tx, found.receiptId);
  const [refund] = await tx.$queryRaw<{ id: string; status: string; amountMinor: bigint; currency: string; reason: string; caseId: string | null; requestedById: string; entityId: string }[]>`
    select id, status::text as status, "amountMinor", currency, reason, "caseId", "requestedById", "entityId" from "RefundRequest" where id = ${refundId} for update`;
  if (!allowed.includes(refund!.status)) throw problem(409, `the refund is ${refund!.status.toLowerCase().replace("_", " ")}`);
  const activeCase = await lockActiveCase(tx, receipt.id);
  return { receipt, refund: refund!, activeCase };
}
