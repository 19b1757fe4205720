// Everything the engine needs to decide a batch of receipts, from the database: the entities' customers (with
// aliases, payer accounts and the payer identities analysts taught it), their open invoices plus recently paid
// ones (so a reference to a paid invoice is recognised as ALREADY_PAID), and earlier receipts with the same bank
// references (duplicates). Money leaves here as decimal strings, as the engine's contract wants.
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import type { CustomerInput, InvoiceInput, LearnedPayerIdentity, ReceiptInput } from "../cashapp/engine.ts";

const PAID_LOOKBACK_DAYS = 180;

export type ReceiptRow = { id: string; entityId: string; currency: string; amountMinor: bigint; valueDate: Date; channel: string; payerName: string | null; payerAccount: string | null; remittance: string | null; bankReference: string | null; createdAt: Date };

export function toEngineReceipt(r: ReceiptRow, entityCode: string): ReceiptInput {
  return {
    id: r.id, entity: entityCode, currency: r.currency, amount: fromMinor(r.amountMinor, r.currency), valueDate: r.valueDate.toISOString().slice(0, 10),
    channel: r.channel.toLowerCase(), payerName: r.payerName ?? "", payerAccount: r.payerAccount, remittance: r.remittance, bankReference: r.bankReference,
  };
}

export async function loadEngineInputs(receipts: ReceiptRow[], codeOf: Map<string, string>) {
  const entityIds = [...new Set(receipts.map((r) => r.entityId))];
  const since = new Date(Date.now() - PAID_LOOKBACK_DAYS * 86_400_000);
  const refs = [...new Set(receipts.map((r) => r.bankReference).filter((x): x is string => !!x))];
  const [customers, invoices, learned, prior] = await Promise.all([
    db.customer.findMany({ where: { entityId: { in: entityIds } }, select: { id: true, name: true, aliases: true, payerAccounts: true, entityId: true } }),
    db.invoice.findMany({
      where: { entityId: { in: entityIds }, status: { not: "VOID" }, OR: [{ openAmountMinor: { gt: 0 } }, { updatedAt: { gte: since } }] },
      select: { id: true, number: true, customerId: true, entityId: true, currency: true, amountMinor: true, openAmountMinor: true, issueDate: true, dueDate: true, poNumber: true },
    }),
    db.learnedPayer.findMany({ where: { revokedAt: null, customer: { entityId: { in: entityIds } } }, select: { customerId: true, payerName: true, payerAccount: true, learnedFromReceiptId: true } }),
    refs.length
      ? db.receipt.findMany({ where: { bankReference: { in: refs }, id: { notIn: receipts.map((r) => r.id) }, state: { not: "RETURNED" } }, select: { id: true, entityId: true, currency: true, amountMinor: true, valueDate: true, channel: true, payerName: true, payerAccount: true, remittance: true, bankReference: true, createdAt: true } })
      : Promise.resolve([] as ReceiptRow[]),
  ]);
  const code = (id: string) => codeOf.get(id) ?? id;
  const customerInputs: CustomerInput[] = customers.map((c) => ({ id: c.id, name: c.name, aliases: c.aliases, entity: code(c.entityId), bankAccounts: c.payerAccounts }));
  const invoiceInputs: InvoiceInput[] = invoices.map((i) => ({
    id: i.id, number: i.number, customerId: i.customerId, entity: code(i.entityId), currency: i.currency,
    amount: fromMinor(i.amountMinor, i.currency), openAmount: fromMinor(i.openAmountMinor, i.currency),
    issueDate: i.issueDate.toISOString().slice(0, 10), dueDate: i.dueDate.toISOString().slice(0, 10), poNumber: i.poNumber,
  }));
  const learnedIdentities: LearnedPayerIdentity[] = learned.map((l) => ({ customerId: l.customerId, payerName: l.payerName, payerAccount: l.payerAccount, source: l.learnedFromReceiptId ? `learned from receipt ${l.learnedFromReceiptId}` : "learned" }));
  const priorReceipts = prior.map((p) => toEngineReceipt(p, code(p.entityId)));
  return { customers: customerInputs, invoices: invoiceInputs, learnedIdentities, priorReceipts };
}
