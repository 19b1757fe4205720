// The hook every connector calls right after it creates a receipt, in the same transaction: makes sure the
// receipt's `payment.received` WorkflowEvent exists (keyed by the receipt's natural key, so calling it twice
// writes one event) and sends the receipt to the cash-application engine (the job commits with the receipt).
import type { Prisma } from "../db/generated/client.ts";
import { afterReceiptsCreated } from "./after-receipts-created.ts";
import { insertWorkflowEvents } from "../workflow/insert-workflow-events.ts";

type Tx = Prisma.TransactionClient;

export type ReceiptLineage = {
  occurredAt?: Date;
  businessKeys?: Record<string, unknown>;
  payload?: Record<string, unknown>;
};

/** The receipt as it was just inserted (the caller has it: no need to read it back). */
export type CreatedReceipt = { id: string; entityId: string; sourceSystem: string; naturalKey: string; state: string; receivedAt: Date; documentId: string | null; amountMinor: bigint; currency: string };

export async function onReceiptCreated(tx: Tx, r: CreatedReceipt, correlationId: string, lineage: ReceiptLineage = {}): Promise<void> {
  await insertWorkflowEvents(tx, [{
    type: "payment.received", receiptId: r.id, entityId: r.entityId, sourceSystem: r.sourceSystem, sourceId: r.naturalKey, correlationId,
    actorType: "system", actorId: null, fromState: null, toState: r.state, exceptionCode: null, postingStatus: null, businessKeys: lineage.businessKeys ?? {},
    payload: { amountMinor: r.amountMinor.toString(), currency: r.currency, documentId: r.documentId, ...lineage.payload },
    occurredAt: lineage.occurredAt ?? r.receivedAt, recordedAt: new Date(),
  }]);
  if (r.state === "RECEIVED") await afterReceiptsCreated(tx, [r.id], correlationId);
}
