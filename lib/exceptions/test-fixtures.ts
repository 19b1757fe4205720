// Test helpers for the exception actions: a small company (one entity, a bank account, customers, users with
// write-off limits) and receipts/invoices/cases made to order. Used by the integration tests next to this file.
import { getDb } from "../db/client.ts";
import type { ReceiptState } from "../workflow/receipt-states.ts";
import type { Actor } from "./action-context.ts";

let seq = 0;
const next = () => `${Date.now().toString(36)}${(++seq).toString(36)}`;

export type World = Awaited<ReturnType<typeof seedWorld>>;

export async function seedWorld() {
  const db = getDb();
  const n = next();
  const entity = await db.legalEntity.create({ data: { code: `E${n}`.slice(0, 20), name: "Test Inc.", country: "US", functionalCurrency: "USD" } });
  const bank = await db.bankAccount.create({ data: { entityId: entity.id, bankName: "Bank", accountNumber: `acct-${n}`, currency: "USD", name: "Operating", glAccount: "1010" } });
  const mkUser = (key: string, role: "AR_ANALYST" | "CONTROLLER" | "ADMIN" | "TREASURY", limit: bigint) =>
    db.user.create({ data: { email: `${key}-${n}@test.dev`, name: `${key} ${n}`, role, passwordHash: "x", writeOffLimitMinor: limit } });
  const [analyst, analyst2, controller, admin, treasury] = await Promise.all([
    mkUser("analyst", "AR_ANALYST", 5_000n), mkUser("analyst2", "AR_ANALYST", 5_000n), mkUser("controller", "CONTROLLER", 100_000n),
    mkUser("admin", "ADMIN", 0n), mkUser("treasury", "TREASURY", 0n),
  ]);
  // Write-off limits are per currency (WriteOffLimit): USD only here, each limit the old single figure, 20× a day.
  for (const u of [analyst, analyst2, controller]) {
    const l = u.writeOffLimitMinor;
    await db.writeOffLimit.create({ data: { userId: u.id, currency: "USD", perWriteOffMinor: l, perReceiptMinor: l, perInvoiceMinor: l, perDayMinor: l * 20n } });
  }
  const mkCustomer = (name: string, accounts: string[]) =>
    db.customer.create({ data: { entityId: entity.id, erpAccountNumber: `C-${name}-${n}`, name, aliases: [name.toUpperCase()], payerAccounts: accounts } });
  const [acme, globex] = await Promise.all([mkCustomer("Acme Corp", ["111"]), mkCustomer("Globex Ltd", ["222"])]);
  return { entity, bank, analyst, analyst2, controller, admin, treasury, acme, globex };
}

export function actor(u: { id: string; email: string; name: string; writeOffLimitMinor: bigint }): { actor: Actor; requestId: string } {
  return { actor: { id: u.id, email: u.email, name: u.name, writeOffLimitMinor: u.writeOffLimitMinor }, requestId: `req-${next()}` };
}

export async function makeInvoice(w: World, opts: { customerId?: string; amountMinor: bigint; openMinor?: bigint; number?: string; poNumber?: string }) {
  const n = next();
  const open = opts.openMinor ?? opts.amountMinor;
  return getDb().invoice.create({
    data: {
      entityId: w.entity.id, customerId: opts.customerId ?? w.acme.id, number: opts.number ?? `INV-${n}`, poNumber: opts.poNumber, currency: "USD",
      amountMinor: opts.amountMinor, openAmountMinor: open, status: open === opts.amountMinor ? "OPEN" : open === 0n ? "PAID" : "PARTIALLY_PAID",
      issueDate: new Date("2026-10-01"), dueDate: new Date("2026-10-31"), sourceSystem: "billing", sourceId: `inv-${n}`,
    },
  });
}

export async function makeReceipt(w: World, opts: {
  amountMinor: bigint; state?: ReceiptState; currency?: string; valueDate?: Date; documentId?: string; customerId?: string | null; payerName?: string | null; payerAccount?: string | null;
  code?: "UNIDENTIFIED" | "SHORT_PAY" | "OVERPAYMENT" | "AMBIGUOUS" | null; suggestionInvoiceId?: string; remittance?: string;
}) {
  const db = getDb();
  const n = next();
  const receipt = await db.receipt.create({
    data: {
      entityId: w.entity.id, bankAccountId: w.bank.id, customerId: opts.customerId ?? null, currency: opts.currency ?? "USD", amountMinor: opts.amountMinor, unappliedMinor: opts.amountMinor,
      valueDate: opts.valueDate ?? new Date("2026-11-02"), documentId: opts.documentId ?? null, channel: "ACH", payerName: opts.payerName === undefined ? "J SMITH" : opts.payerName, payerAccount: opts.payerAccount === undefined ? "999" : opts.payerAccount,
      remittance: opts.remittance ?? "PAYMENT", bankReference: `BR${n}`, state: opts.state ?? "UNIDENTIFIED", naturalKey: `k-${n}`, sourceSystem: "bank", sourceId: `BR${n}`, correlationId: `cid-${n}`,
    },
  });
  await db.bankTransaction.create({ data: { bankAccountId: w.bank.id, naturalKey: `bt-${n}`, amountMinor: opts.amountMinor, currency: receipt.currency, valueDate: receipt.valueDate, bankReference: receipt.bankReference, receiptId: receipt.id } });
  const code = opts.code === undefined ? "UNIDENTIFIED" : opts.code;
  const kase = code ? await db.exceptionCase.create({
    data: {
      code, entityId: w.entity.id, receiptId: receipt.id, amountMinor: opts.amountMinor, currency: receipt.currency, slaDueAt: new Date(Date.now() + 48 * 3_600_000), reasons: ["test"],
      suggestion: opts.suggestionInvoiceId ? { applications: [{ invoiceId: opts.suggestionInvoiceId, amountMinor: String(opts.amountMinor) }] } : { applications: [] },
    },
  }) : null;
  return { receipt, kase };
}

/** Every journal entry of the receipt balances (sum of debits = sum of credits). */
export async function journalsBalanced(receiptId: string): Promise<{ entries: number; balanced: boolean }> {
  const entries = await getDb().journalEntry.findMany({ where: { receiptId }, include: { lines: true } });
  return {
    entries: entries.length,
    balanced: entries.every((e) => e.lines.reduce((s, l) => s + l.debitMinor, 0n) === e.lines.reduce((s, l) => s + l.creditMinor, 0n)),
  };
}

export const reload = (id: string) => getDb().receipt.findUniqueOrThrow({ where: { id } });
export const reloadInvoice = (id: string) => getDb().invoice.findUniqueOrThrow({ where: { id } });
