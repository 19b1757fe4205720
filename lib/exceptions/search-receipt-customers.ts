// Customers a receipt's cash can be put on account for (or split to): those of the receipt's legal entity, by name
// or ERP account number. Without a search: the identified customer and the customers of the suggested invoices.
import { z } from "zod";
import { db } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { suggestedInvoiceIds } from "./suggested-invoice-ids.ts";

export const customersQuery = z.object({ q: z.string().trim().max(100).optional().describe("customer name or ERP account number") });
export const customersResponse = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), erpAccountNumber: z.string() })) });

export async function searchReceiptCustomers(receiptId: string, query: z.infer<typeof customersQuery>) {
  const receipt = await db.receipt.findUnique({ where: { id: receiptId }, select: { entityId: true, customerId: true, matchDecision: true, cases: { select: { suggestion: true } } } });
  if (!receipt) throw problem(404, `receipt ${receiptId} not found`);
  const select = { id: true, name: true, erpAccountNumber: true } as const;
  if (query.q) {
    const items = await db.customer.findMany({
      where: { entityId: receipt.entityId, OR: [{ name: { contains: query.q, mode: "insensitive" } }, { erpAccountNumber: { contains: query.q, mode: "insensitive" } }] },
      select, orderBy: { name: "asc" }, take: 25,
    });
    return { items };
  }
  const invoiceIds = suggestedInvoiceIds(...receipt.cases.map((c) => c.suggestion), receipt.matchDecision);
  const fromInvoices = invoiceIds.length ? (await db.invoice.findMany({ where: { id: { in: invoiceIds } }, select: { customerId: true } })).map((i) => i.customerId) : [];
  const ids = [...new Set([receipt.customerId, ...fromInvoices].filter((x): x is string => !!x))];
  return { items: ids.length ? await db.customer.findMany({ where: { id: { in: ids } }, select, orderBy: { name: "asc" } }) : [] };
}
