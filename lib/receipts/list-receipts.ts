// Receipts with their workflow position and age, newest first, filterable by state, entity, currency and text.
import { z } from "zod";
import { db, Prisma } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import { pageQuery } from "../http/pagination.ts";

import { RECEIPT_STATES } from "../workflow/receipt-states.ts";

export { RECEIPT_STATES };

export const listReceiptsQuery = pageQuery.extend({
  state: z.enum(RECEIPT_STATES).optional(),
  entity: z.string().max(20).optional(),
  currency: z.string().length(3).optional(),
  q: z.string().trim().max(100).optional().describe("payer, bank reference or remittance text"),
});

export const receiptRowSchema = z.object({
  id: z.string(),
  entity: z.string(),
  amount: z.string(),
  unapplied: z.string(),
  currency: z.string(),
  channel: z.string(),
  valueDate: z.string(),
  payerName: z.string().nullable(),
  bankReference: z.string().nullable(),
  customer: z.string().nullable(),
  state: z.enum(RECEIPT_STATES),
  receivedAt: z.string(),
  stateChangedAt: z.string(),
  ageHours: z.number(),
});
export const listReceiptsResponse = z.object({ total: z.number().int(), items: z.array(receiptRowSchema) });

export async function listReceipts(q: z.infer<typeof listReceiptsQuery>, now = new Date()) {
  const where: Prisma.ReceiptWhereInput = {
    state: q.state,
    currency: q.currency,
    entity: q.entity ? { code: q.entity } : undefined,
    OR: q.q
      ? [
          { payerName: { contains: q.q, mode: "insensitive" } },
          { bankReference: { contains: q.q, mode: "insensitive" } },
          { remittance: { contains: q.q, mode: "insensitive" } },
        ]
      : undefined,
  };
  const [total, rows] = await Promise.all([
    db.receipt.count({ where }),
    db.receipt.findMany({
      where,
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: q.limit,
      skip: q.offset,
      include: { entity: { select: { code: true } }, customer: { select: { name: true } } },
    }),
  ]);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      entity: r.entity.code,
      amount: fromMinor(r.amountMinor, r.currency),
      unapplied: fromMinor(r.unappliedMinor, r.currency),
      currency: r.currency,
      channel: r.channel,
      valueDate: r.valueDate.toISOString().slice(0, 10),
      payerName: r.payerName,
      bankReference: r.bankReference,
      customer: r.customer?.name ?? null,
      state: r.state,
      receivedAt: r.receivedAt.toISOString(),
      stateChangedAt: r.stateChangedAt.toISOString(),
      ageHours: Math.round((now.getTime() - r.receivedAt.getTime()) / 36e5),
    })),
  };
}
