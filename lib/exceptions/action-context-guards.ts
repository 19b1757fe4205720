// Controls every person's action on a receipt passes, inside the action's transaction, after the receipt lock:
//   - the period lock: nothing may change a receipt accounted in a signed-off month (lib/close/period-lock.ts);
//   - separation of duties: whoever made the cash appear (uploaded the bank statement it came from) may not also
//     apply, split, write off or approve it. Per legal entity (LegalEntity.segregateCashDuties, on by default).
import { problem } from "../http/problem.ts";
import { accountingDateOf, assertPeriodOpen } from "../close/period-lock.ts";
import type { ActionContext, LockedReceipt, Tx } from "./action-context.ts";

export async function assertNotCashCreator(tx: Tx, ctx: ActionContext, receipt: Pick<LockedReceipt, "id" | "documentId">, verb: string): Promise<void> {
  if (!receipt.documentId) return;
  const rows = await tx.$queryRaw<{ uploadedById: string | null; filename: string | null; segregate: boolean }[]>`
    select d."uploadedById", d.filename, e."segregateCashDuties" as segregate
      from "Receipt" r join "LegalEntity" e on e.id = r."entityId" join "SourceDocument" d on d.id = r."documentId"
     where r.id = ${receipt.id}`;
  const row = rows[0];
  if (row?.segregate && row.uploadedById === ctx.actor.id) {
    throw problem(403, `Separation of duties: you uploaded the bank statement this receipt came from (${row.filename ?? "manual upload"}), ` +
      `so you cannot ${verb} it. Someone else must.`);
  }
}

const GERUND: Record<string, string> = { apply: "applying", "write off": "writing off on", "approve a write-off on": "approving a write-off on", reverse: "reversing applications of" };

/** Both controls for an action that moves money on the receipt. */
export async function assertMayMoveMoney(tx: Tx, ctx: ActionContext, receipt: LockedReceipt, verb: string): Promise<void> {
  await assertPeriodOpen(tx, { entityId: receipt.entityId, date: accountingDateOf(receipt), what: `${GERUND[verb] ?? verb} this receipt` });
  await assertNotCashCreator(tx, ctx, receipt, verb);
}
