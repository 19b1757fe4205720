// Small building blocks for integration tests: one legal entity, bank account, customer and invoices, and
// receipts in a chosen state. Ids are readable so failures say what they are about.
import { getDb } from "../db/client.ts";

export async function seedMiniWorld(prefix = "t") {
  const db = getDb();
  const entity = await db.legalEntity.upsert({ where: { code: "US01" }, update: {}, create: { id: `${prefix}_ent`, code: "US01", name: "Test Inc.", country: "US", functionalCurrency: "USD" } });
  const bank = await db.bankAccount.upsert({ where: { accountNumber: "000111222333" }, update: {}, create: { id: `${prefix}_bank`, entityId: entity.id, bankName: "Test Bank", accountNumber: "000111222333", currency: "USD", name: "Operating", glAccount: "1010" } });
  const customer = await db.customer.upsert({
    where: { entityId_erpAccountNumber: { entityId: entity.id, erpAccountNumber: "C-100" } }, update: {},
    create: { id: `${prefix}_cus`, entityId: entity.id, erpAccountNumber: "C-100", name: "Acme Widgets Inc.", aliases: ["ACME WIDGETS"], payerAccounts: ["987654321"] },
  });
  return { entity, bank, customer };
}

let seq = 0;
export async function seedInvoice(world: Awaited<ReturnType<typeof seedMiniWorld>>, amountMinor: bigint, number = `INV-T-${++seq}`) {
  return getDb().invoice.create({
    data: { entityId: world.entity.id, customerId: world.customer.id, number, currency: "USD", amountMinor, openAmountMinor: amountMinor, issueDate: new Date("2026-10-01"), dueDate: new Date("2026-10-31"), sourceSystem: "test", sourceId: number },
  });
}

/** A receipt already applied in full to one invoice (state APPLIED), as the engine or an analyst leaves it. */
export async function seedAppliedReceipt(world: Awaited<ReturnType<typeof seedMiniWorld>>, amountMinor: bigint, id = `rcp_${++seq}`) {
  const db = getDb();
  const invoice = await seedInvoice(world, amountMinor);
  const receipt = await db.receipt.create({
    data: { id, entityId: world.entity.id, bankAccountId: world.bank.id, customerId: world.customer.id, currency: "USD", amountMinor, unappliedMinor: 0n, valueDate: new Date("2026-11-02"), channel: "ACH", payerName: "ACME WIDGETS", remittance: invoice.number, bankReference: `BR-${id}`, state: "APPLIED", naturalKey: `test:${id}`, sourceSystem: "bank", sourceId: id },
  });
  await db.application.create({ data: { receiptId: receipt.id, invoiceId: invoice.id, customerId: world.customer.id, kind: "INVOICE", amountMinor, currency: "USD", appliedByType: "engine" } });
  await db.invoice.update({ where: { id: invoice.id }, data: { openAmountMinor: 0n, status: "PAID" } });
  return { receipt, invoice };
}
