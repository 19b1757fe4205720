// Everything the engine needs to decide a batch of receipts: the entities' customers (with aliases, payer accounts
// and the payer identities analysts taught it), their open invoices plus recently paid ones (so a reference to a
// paid invoice is recognised as ALREADY_PAID) from the per-process cache, and earlier receipts with the same bank
// references (duplicates) from the database. Money leaves here as decimal strings, as the engine's contract wants.
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import type { CustomerInput, InvoiceInput, LearnedPayerIdentity, ReceiptInput } from "../cashapp/engine.ts";
import { engineDataFor } from "./engine-data-cache.ts";

export type ReceiptRow = { id: string; entityId: string; currency: string; amountMinor: bigint; valueDate: Date; channel: string; payerName: string | null; payerAccount: string | null; remittance: string | null; bankReference: string | null; createdAt: Date };

export function toEngineReceipt(r: ReceiptRow, entityCode: string): ReceiptInput {
  return {
    id: r.id, entity: entityCode, currency: r.currency, amount: fromMinor(r.amountMinor, r.currency), valueDate: r.valueDate.toISOString().slice(0, 10),
    channel: r.channel.toLowerCase(), payerName: r.payerName ?? "", payerAccount: r.payerAccount, remittance: r.remittance, bankReference: r.bankReference,
  };
}

export async function loadEngineInputs(receipts: ReceiptRow[], codeOf: Map<string, string>) {
  const entityIds = [...new Set(receipts.map((r) => r.entityId))];
  const refs = [...new Set(receipts.map((r) => r.bankReference).filter((x): x is string => !!x))];
  const [data, prior] = await Promise.all([
    engineDataFor(entityIds),
    refs.length
      ? db.receipt.findMany({ where: { bankReference: { in: refs }, id: { notIn: receipts.map((r) => r.id) }, state: { not: "RETURNED" } }, select: { id: true, entityId: true, currency: true, amountMinor: true, valueDate: true, channel: true, payerName: true, payerAccount: true, remittance: true, bankReference: true, createdAt: true } })
      : Promise.resolve([] as ReceiptRow[]),
  ]);
  const code = (id: string) => codeOf.get(id) ?? id;
  const customerInputs: CustomerInput[] = data.customers.map((c) => ({ id: c.id, name: c.name, aliases: c.aliases, entity: code(c.entityId), bankAccounts: c.payerAccounts }));
  const invoiceInputs: InvoiceInput[] = data.invoices.map((i) => ({
    id: i.id, number: i.number, customerId: i.customerId, entity: code(i.entityId), currency: i.currency,
    amount: fromMinor(i.amountMinor, i.currency), openAmount: fromMinor(i.openAmountMinor, i.currency),
    issueDate: i.issueDate.toISOString().slice(0, 10), dueDate: i.dueDate.toISOString().slice(0, 10), poNumber: i.poNumber,
  }));
  const learnedIdentities: LearnedPayerIdentity[] = data.learned.map((l) => ({ customerId: l.customerId, payerName: l.payerName, payerAccount: l.payerAccount, source: l.learnedFromReceiptId ? `learned from receipt ${l.learnedFromReceiptId}` : "learned" }));
  const priorReceipts = prior.map((p) => toEngineReceipt(p, code(p.entityId)));
  return { customers: customerInputs, invoices: invoiceInputs, learnedIdentities, priorReceipts };
}
