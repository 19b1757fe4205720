// The hook every connector calls right after it creates a receipt, in the same transaction: makes sure the
// receipt's `payment.received` WorkflowEvent exists (keyed by the receipt's natural key, so calling it twice
// writes one event) and sends the receipt to the cash-application engine (the job commits with the receipt).
import type { Prisma } from "../db/generated/client.ts";
import { afterReceiptsCreated } from "./after-receipts-created.ts";

type Tx = Prisma.TransactionClient;

export type ReceiptLineage = {
  occurredAt?: Date;
  businessKeys?: Record<string, unknown>;
  payload?: Record<string, unknown>;
};

export async function onReceiptCreated(tx: Tx, receiptId: string, correlationId: string, lineage: ReceiptLineage = {}): Promise<void> {
  const r = await tx.receipt.findUniqueOrThrow({
    where: { id: receiptId },
    select: { entityId: true, sourceSystem: true, naturalKey: true, state: true, receivedAt: true, documentId: true, amountMinor: true, currency: true },
  });
  await tx.workflowEvent.createMany({
    data: [{
      type: "payment.received", receiptId, entityId: r.entityId, sourceSystem: r.sourceSystem, sourceId: r.naturalKey, correlationId,
      toState: r.state, businessKeys: (lineage.businessKeys ?? {}) as Prisma.InputJsonValue,
      payload: { amountMinor: r.amountMinor.toString(), currency: r.currency, documentId: r.documentId, ...lineage.payload } as Prisma.InputJsonValue,
      occurredAt: lineage.occurredAt ?? r.receivedAt, recordedAt: new Date(),
    }],
    skipDuplicates: true,
  });
  if (r.state === "RECEIVED") await afterReceiptsCreated(tx, [receiptId], correlationId);
}
