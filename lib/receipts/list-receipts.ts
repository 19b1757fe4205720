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
  q: z.string().trim().max(100).optional().describe("payer, bank reference or remittance text, or a processor charge id"),
  sort: z.enum(["received", "valueDate", "amount", "unapplied", "state", "payer", "channel"]).default("received"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  // Drill-downs from the dashboards and close checklist (see lib/dashboards/sql.ts for "unapplied cash").
  unapplied: z.enum(["1"]).optional().describe("only cash still to apply (unapplied > 0, not returned or duplicate)"),
  unposted: z.enum(["1"]).optional().describe("only receipts not yet posted to the ERP (not returned or duplicate)"),
  valueFrom: z.iso.date().optional().describe("value date on or after (YYYY-MM-DD)"),
  valueTo: z.iso.date().optional().describe("value date on or before (YYYY-MM-DD)"),
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
  ageDays: z.number().int().describe("whole UTC days since the value date: the age the unapplied-cash aging buckets use"),
  manualUpload: z.boolean().describe("the cash came from a bank file a person uploaded (separation of duties applies)"),
});
/** Matching receipts are counted up to this many: an exact count of millions costs more than the page itself (0.8 s
 *  of the first page's 0.86 s at 10,000,000 receipts, bench:dashboards), and "10,000+" is enough to narrow a search. */
export const RECEIPT_COUNT_CAP = 10_000;
export const listReceiptsResponse = z.object({
  total: z.number().int().describe(`matching receipts, counted up to ${RECEIPT_COUNT_CAP}`),
  totalCapped: z.boolean().describe(`true when more than ${RECEIPT_COUNT_CAP} receipts match: total is then ${RECEIPT_COUNT_CAP}`),
  items: z.array(receiptRowSchema),
});

// Every sort column has an index (receivedAt, valueDate, amountMinor, state+receivedAt) or is a cheap tiebreak.
function receiptOrder(sort: z.infer<typeof listReceiptsQuery>["sort"], dir: "asc" | "desc"): Prisma.ReceiptOrderByWithRelationInput {
  const col = { received: "receivedAt", valueDate: "valueDate", amount: "amountMinor", unapplied: "unappliedMinor", state: "state", payer: "payerName", channel: "channel" } as const;
  return { [col[sort]]: sort === "payer" ? { sort: dir, nulls: "last" } : dir };
}

export async function listReceipts(q: z.infer<typeof listReceiptsQuery>, now = new Date()) {
  // The entity by id, not through the relation: a sub-select kept the planner off the (entityId, currency, …) indexes.
  const entityId = q.entity ? ((await db.legalEntity.findUnique({ where: { code: q.entity }, select: { id: true } }))?.id ?? "-") : undefined;
  const where: Prisma.ReceiptWhereInput = {
    state: q.state,
    currency: q.currency,
    entityId,
    ...(q.unapplied || q.unposted ? { NOT: { state: { in: ["RETURNED", "DUPLICATE"] } } } : {}),
    ...(q.unapplied ? { unappliedMinor: { gt: 0n } } : {}),
    ...(q.unposted ? { postedAt: null } : {}),
    ...(q.valueFrom || q.valueTo ? { valueDate: { gte: q.valueFrom ? new Date(q.valueFrom) : undefined, lte: q.valueTo ? new Date(q.valueTo) : undefined } } : {}),
    OR: q.q
      ? [
          { payerName: { contains: q.q, mode: "insensitive" } },
          { bankReference: { contains: q.q, mode: "insensitive" } },
          { remittance: { contains: q.q, mode: "insensitive" } },
          { processorReference: { equals: q.q } },
        ]
      : undefined,
  };
  const orderBy = [receiptOrder(q.sort, q.dir), { id: q.dir }];
  const [counted, rows] = await Promise.all([
    // Counted as the page's own ids in the page's order: Prisma's capped count orders by id, and walking the primary
    // key to find 10,001 UNIDENTIFIED receipts took 4.2 s at 10,000,000 receipts; in the page's order it uses the
    // page's index (a few ms).
    db.receipt.findMany({ where, orderBy, take: RECEIPT_COUNT_CAP + 1, select: { id: true } }).then((ids) => ids.length),
    // The page's ids first, then its rows: the first step can be an index-only scan (Receipt_unapplied_idx carries
    // the value date and state), where reading whole rows while skipping the ones a filter drops fetched every
    // skipped row from the heap (aging drill-down at 10,000,000 receipts: 0.73 s → ~11 ms, bench:dashboards).
    db.receipt.findMany({ where, orderBy, take: q.limit, skip: q.offset, select: { id: true } })
      .then(async (page) => {
        const byId = new Map((await db.receipt.findMany({
          where: { id: { in: page.map((p) => p.id) } },
          include: { entity: { select: { code: true } }, customer: { select: { name: true } }, document: { select: { uploadedById: true } } },
        })).map((r) => [r.id, r]));
        return page.flatMap((p) => byId.get(p.id) ?? []); // a row deleted in between is left out, not an error
      }),
  ]);
  return {
    total: Math.min(counted, RECEIPT_COUNT_CAP),
    totalCapped: counted > RECEIPT_COUNT_CAP,
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
      ageDays: Math.max(0, Math.round((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - r.valueDate.getTime()) / 86_400_000)),
      manualUpload: !!r.document?.uploadedById,
    })),
  };
}
