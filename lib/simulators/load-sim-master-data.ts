// Optional: what the simulators read from Cashline's database (DATABASE_URL) to send realistic traffic — open
// invoices to pay by card, and the mapped billing customers to invoice.
import type { SimInvoice } from "./processor-plan.ts";
import type { SimBillingCustomer } from "./billing-plan.ts";

export async function loadOpenInvoices(limit: number): Promise<SimInvoice[]> {
  const { getDb } = await import("../db/client.ts");
  const rows = await getDb().invoice.findMany({
    where: { status: { in: ["OPEN", "PARTIALLY_PAID"] }, openAmountMinor: { gt: 0n } },
    orderBy: { dueDate: "asc" }, take: limit,
    include: { entity: { select: { code: true } }, customer: { select: { erpAccountNumber: true, name: true } } },
  });
  return rows.map((r) => ({ number: r.number, entity: r.entity.code, currency: r.currency, openMinor: Number(r.openAmountMinor), customerAccount: r.customer.erpAccountNumber, customerName: r.customer.name }));
}

export async function loadBillingCustomers(limit: number): Promise<SimBillingCustomer[]> {
  const { getDb } = await import("../db/client.ts");
  const rows = await getDb().customerSourceMapping.findMany({
    where: { sourceSystem: "billing" }, take: limit, orderBy: { sourceCustomerId: "asc" },
    include: { customer: { select: { entity: { select: { code: true, functionalCurrency: true } } } } },
  });
  return rows.map((m) => ({ billingCustomerId: m.sourceCustomerId, entity: m.customer.entity.code, currency: m.customer.entity.functionalCurrency }));
}

export async function closeSimDb(): Promise<void> {
  const { disconnectDb } = await import("../db/client.ts");
  await disconnectDb();
}
