// Candidate invoices for a receipt, ranked (rank-candidates.ts). Without a search: the suggestion, the identified
// customer's open invoices, and the open invoices of the entity nearest in amount (two index range scans around
// the amount, fast on millions of invoices). With a search: open invoices of the receipt's entity and currency by
// invoice number, PO, customer name or amount, across all customers.
import { z } from "zod";
import { db, Prisma } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { fromMinor } from "../money/money.ts";
import { scaleDecimal } from "./amount-bounds.ts";
import { minorExponent } from "../money/money.ts";
import { rankCandidates } from "./rank-candidates.ts";
import { suggestedInvoiceIds } from "./suggested-invoice-ids.ts";

export const candidatesQuery = z.object({
  q: z.string().trim().max(100).optional().describe("invoice number, PO number, customer name or amount"),
  limit: z.coerce.number().int().min(1).max(100).default(40),
});
export const candidateSchema = z.object({
  id: z.string(), number: z.string(), poNumber: z.string().nullable(), customerId: z.string(), customerName: z.string(),
  currency: z.string(), amount: z.string(), open: z.string(), dueDate: z.string(), status: z.string(),
  group: z.enum(["suggested", "customer", "other"]), why: z.array(z.string()), applicable: z.boolean(),
});
export type Candidate = z.infer<typeof candidateSchema>;
export const candidatesResponse = z.object({ items: z.array(candidateSchema) });

const OPEN = Prisma.sql`i.status in ('OPEN', 'PARTIALLY_PAID')`;
type Row = { id: string; number: string; poNumber: string | null; customerId: string; customerName: string; currency: string; amountMinor: bigint; openAmountMinor: bigint; dueDate: Date; status: string };
const select = Prisma.sql`select i.id, i.number, i."poNumber", i."customerId", c.name as "customerName", i.currency, i."amountMinor", i."openAmountMinor", i."dueDate", i.status::text as status
  from "Invoice" i join "Customer" c on c.id = i."customerId"`;

export async function searchCandidateInvoices(receiptId: string, query: z.infer<typeof candidatesQuery>): Promise<{ items: Candidate[] }> {
  const receipt = await db.receipt.findUnique({
    where: { id: receiptId },
    select: { entityId: true, currency: true, amountMinor: true, unappliedMinor: true, customerId: true, remittance: true, bankReference: true, matchDecision: true, cases: { select: { suggestion: true }, orderBy: { createdAt: "desc" } } },
  });
  if (!receipt) throw problem(404, `receipt ${receiptId} not found`);
  const suggestedIds = suggestedInvoiceIds(...receipt.cases.map((c) => c.suggestion), receipt.matchDecision);
  const target = receipt.unappliedMinor > 0n ? receipt.unappliedMinor : receipt.amountMinor;
  const scope = Prisma.sql`i."entityId" = ${receipt.entityId} and i.currency = ${receipt.currency}`;
  let rows: Row[];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, "\\$&")}%`;
    const exact = scaleDecimal(query.q.replaceAll(",", ""), minorExponent(receipt.currency), "exact");
    rows = await db.$queryRaw<Row[]>`${select} where ${scope} and ${OPEN} and (
      i.number ilike ${like} or i."poNumber" ilike ${like} or c.name ilike ${like}
      ${exact !== null ? Prisma.sql`or i."openAmountMinor" = ${exact} or i."amountMinor" = ${exact}` : Prisma.empty})
      order by i."dueDate" limit 200`;
  } else {
    const [suggested, customer, above, below] = await Promise.all([
      suggestedIds.length ? db.$queryRaw<Row[]>`${select} where i.id = any(${suggestedIds}::text[])` : Promise.resolve([] as Row[]),
      receipt.customerId ? db.$queryRaw<Row[]>`${select} where i."customerId" = ${receipt.customerId} and ${OPEN} order by i."dueDate" limit 200` : Promise.resolve([] as Row[]),
      db.$queryRaw<Row[]>`${select} where ${scope} and ${OPEN} and i."openAmountMinor" >= ${target} order by i."openAmountMinor" asc limit 15`,
      db.$queryRaw<Row[]>`${select} where ${scope} and ${OPEN} and i."openAmountMinor" < ${target} order by i."openAmountMinor" desc limit 15`,
    ]);
    const seen = new Set<string>();
    rows = [...suggested, ...customer, ...above, ...below].filter((r) => !seen.has(r.id) && seen.add(r.id));
  }
  const ranked = rankCandidates(rows, { suggestedIds, customerId: receipt.customerId, targetMinor: target, referenceText: `${receipt.remittance ?? ""} ${receipt.bankReference ?? ""}` });
  return {
    items: ranked.slice(0, query.limit).map((r) => ({
      id: r.id, number: r.number, poNumber: r.poNumber, customerId: r.customerId, customerName: r.customerName, currency: r.currency,
      amount: fromMinor(r.amountMinor, r.currency), open: fromMinor(r.openAmountMinor, r.currency), dueDate: r.dueDate.toISOString().slice(0, 10),
      status: r.status, group: r.group, why: r.why,
      applicable: (r.status === "OPEN" || r.status === "PARTIALLY_PAID") && r.openAmountMinor > 0n && r.currency === receipt.currency,
    })),
  };
}
