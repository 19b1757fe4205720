// Which legal entity (and customer, when known) a processor fact belongs to: metadata.entity when the merchant
// set it, else the entity whose functional currency the charge is in (USD → US01, GBP → UK01, EUR → DE01 in the
// demo company), else an entity that banks in that currency. The customer: metadata.customer_account (an ERP
// account number) or the Stripe customer id through CustomerSourceMapping; unknown stays null for the matching
// engine to identify.
import type { Prisma } from "../db/generated/client.ts";

type Tx = Pick<Prisma.TransactionClient, "legalEntity" | "bankAccount" | "customer" | "customerSourceMapping">;

export async function resolveStripeEntity(tx: Tx, currency: string, metadata: Record<string, string>) {
  const code = metadata.entity?.trim().toUpperCase();
  const byCode = code ? await tx.legalEntity.findUnique({ where: { code } }) : null;
  if (byCode) return byCode;
  const functional = await tx.legalEntity.findFirst({ where: { functionalCurrency: currency }, orderBy: { code: "asc" } });
  if (functional) return functional;
  const banking = await tx.bankAccount.findFirst({ where: { currency }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { entity: true } });
  if (banking) return banking.entity;
  const any = await tx.legalEntity.findFirst({ orderBy: { code: "asc" } });
  if (!any) throw new Error("no legal entity is set up: a processor payment cannot be booked");
  return any;
}

export async function resolveStripeCustomer(tx: Tx, entityId: string, stripeCustomerId: string | null, metadata: Record<string, string>): Promise<string | null> {
  const account = metadata.customer_account?.trim();
  if (account) {
    const c = await tx.customer.findUnique({ where: { entityId_erpAccountNumber: { entityId, erpAccountNumber: account } }, select: { id: true } });
    if (c) return c.id;
  }
  if (stripeCustomerId) {
    const m = await tx.customerSourceMapping.findUnique({ where: { sourceSystem_sourceCustomerId: { sourceSystem: "stripe", sourceCustomerId: stripeCustomerId } }, select: { customerId: true } });
    if (m) return m.customerId;
  }
  return null;
}

/** The bank account a processor pays out to: metadata.bank_account (number or IBAN), else the entity's first account in the currency. */
export async function resolvePayoutBankAccount(tx: Tx, entityId: string, currency: string, metadata: Record<string, string>) {
  const named = metadata.bank_account?.trim();
  if (named) {
    const b = await tx.bankAccount.findFirst({ where: { OR: [{ accountNumber: named }, { iban: named }] } });
    if (b) return b;
  }
  return tx.bankAccount.findFirst({ where: { entityId, currency }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
