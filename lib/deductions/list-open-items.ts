// A customer's open items: invoices with something open, and how much of it is held by an open deduction (being
// validated: not dunned) versus collectible. A deduction found invalid releases its hold: the amount is back in
// the customer's open items to collect.
import type { z } from "zod";
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import type { openItemsResponse } from "./deduction-schemas.ts";

export async function listOpenItems(customerId: string): Promise<z.infer<typeof openItemsResponse>> {
  const [invoices, held] = await Promise.all([
    db.invoice.findMany({ where: { customerId, openAmountMinor: { gt: 0n }, status: { in: ["OPEN", "PARTIALLY_PAID"] } }, orderBy: [{ dueDate: "asc" }, { number: "asc" }], take: 500 }),
    db.deduction.groupBy({ by: ["invoiceId"], where: { customerId, status: "OPEN", invoiceId: { not: null } }, _sum: { amountMinor: true } }),
  ]);
  const heldOf = new Map(held.map((h) => [h.invoiceId!, h._sum.amountMinor ?? 0n]));
  return {
    items: invoices.map((i) => {
      const inDeduction = heldOf.get(i.id) ?? 0n;
      const collectible = i.openAmountMinor > inDeduction ? i.openAmountMinor - inDeduction : 0n;
      return { invoiceId: i.id, number: i.number, currency: i.currency, open: fromMinor(i.openAmountMinor, i.currency), inDeduction: fromMinor(inDeduction, i.currency), collectible: fromMinor(collectible, i.currency), dueDate: i.dueDate.toISOString().slice(0, 10) };
    }),
  };
}
