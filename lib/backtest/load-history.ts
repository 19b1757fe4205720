// The past of a backtest window read from the database (read-only): receipts that arrived in the window, and every
// customer, invoice, application and learned payer identity of the same entities with the times they came and went,
// so the replay can rebuild the world as of each arrival. Set-based reads, one per table.
import { Prisma } from "../db/generated/client.ts";
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import type { ReceiptInput } from "../cashapp/types.ts";
import type { History, HistoryReceipt } from "./history.ts";

export type HistoryWindow = { from: Date; to: Date; entities?: string[] };

type ReceiptRow = {
  id: string; entity: string; currency: string; amountMinor: bigint; valueDate: Date; channel: string; payerName: string | null; payerAccount: string | null;
  remittance: string | null; bankReference: string | null; receivedAt: Date; state: string; customerId: string | null;
};

const toInput = (r: ReceiptRow): ReceiptInput => ({
  id: r.id, entity: r.entity, currency: r.currency, amount: fromMinor(r.amountMinor, r.currency), valueDate: r.valueDate.toISOString().slice(0, 10),
  channel: r.channel.toLowerCase(), payerName: r.payerName ?? "", payerAccount: r.payerAccount, remittance: r.remittance, bankReference: r.bankReference,
});

export async function loadHistory(w: HistoryWindow): Promise<History> {
  const entities = await db.legalEntity.findMany({ where: w.entities?.length ? { code: { in: w.entities } } : {}, select: { id: true, code: true } });
  const ids = entities.map((e) => e.id);
  if (ids.length === 0) return { customers: [], invoices: [], applications: [], learnedPayers: [], receipts: [], priorReceipts: [] };
  const receiptSelect = Prisma.sql`select r.id, e.code as entity, r.currency, r."amountMinor", r."valueDate", r.channel::text as channel, r."payerName", r."payerAccount",
      r.remittance, r."bankReference", r."receivedAt", r.state::text as state, r."customerId"
    from "Receipt" r join "LegalEntity" e on e.id = r."entityId"`;
  const receipts = await db.$queryRaw<ReceiptRow[]>`${receiptSelect}
    where r."entityId" = any(${ids}) and r."receivedAt" >= ${w.from} and r."receivedAt" < ${w.to} order by r."receivedAt", r.id`;
  const refs = [...new Set(receipts.map((r) => r.bankReference).filter((x): x is string => !!x))];
  const [prior, customers, invoices, applications, learned] = await Promise.all([
    refs.length === 0 ? [] : db.$queryRaw<ReceiptRow[]>`${receiptSelect}
      where r."entityId" = any(${ids}) and r."receivedAt" < ${w.from} and r."bankReference" = any(${refs}) and r.state <> 'RETURNED' order by r."receivedAt", r.id`,
    db.$queryRaw<{ id: string; entity: string; name: string; aliases: string[]; payerAccounts: string[]; createdAt: Date }[]>`
      select c.id, e.code as entity, c.name, c.aliases, c."payerAccounts", c."createdAt" from "Customer" c join "LegalEntity" e on e.id = c."entityId"
      where c."entityId" = any(${ids})`,
    db.$queryRaw<{ id: string; number: string; customerId: string; entity: string; currency: string; amountMinor: bigint; issueDate: Date; dueDate: Date; poNumber: string | null; receivedAt: Date }[]>`
      select i.id, i.number, i."customerId", e.code as entity, i.currency, i."amountMinor", i."issueDate", i."dueDate", i."poNumber", i."receivedAt"
      from "Invoice" i join "LegalEntity" e on e.id = i."entityId" where i."entityId" = any(${ids}) and i."receivedAt" < ${w.to} and i.status <> 'VOID'`,
    db.$queryRaw<{ receiptId: string; invoiceId: string | null; kind: string; amountMinor: bigint; appliedAt: Date; reversedAt: Date | null; appliedByType: string }[]>`
      select a."receiptId", a."invoiceId", a.kind::text as kind, a."amountMinor", a."appliedAt", a."reversedAt", a."appliedByType"
      from "Application" a join "Receipt" r on r.id = a."receiptId" where r."entityId" = any(${ids})`,
    db.$queryRaw<{ id: string; customerId: string; payerName: string | null; payerAccount: string | null; since: Date; revokedAt: Date | null }[]>`
      select l.id, l."customerId", l."payerName", l."payerAccount", coalesce(l."activatedAt", l."createdAt") as since, l."revokedAt"
      from "LearnedPayer" l join "Customer" c on c.id = l."customerId" where c."entityId" = any(${ids}) and l."activatedAt" is not null`,
  ]);
  return {
    receipts: receipts.map((r): HistoryReceipt => ({ ...toInput(r), arrivedAt: r.receivedAt.getTime(), state: r.state, customerId: r.customerId })),
    priorReceipts: prior.map(toInput),
    customers: customers.map((c) => ({ id: c.id, entity: c.entity, name: c.name, aliases: c.aliases, bankAccounts: c.payerAccounts, since: c.createdAt.getTime() })),
    invoices: invoices.map((i) => ({
      id: i.id, number: i.number, customerId: i.customerId, entity: i.entity, currency: i.currency, amountMinor: i.amountMinor,
      issueDate: i.issueDate.toISOString().slice(0, 10), dueDate: i.dueDate.toISOString().slice(0, 10), poNumber: i.poNumber, since: i.receivedAt.getTime(),
    })),
    applications: applications.map((a) => ({
      receiptId: a.receiptId, invoiceId: a.invoiceId, kind: a.kind, amountMinor: a.amountMinor, at: a.appliedAt.getTime(),
      reversedAt: a.reversedAt?.getTime() ?? null, byEngine: a.appliedByType === "engine",
    })),
    learnedPayers: learned.map((l) => ({ id: l.id, customerId: l.customerId, payerName: l.payerName, payerAccount: l.payerAccount, since: l.since.getTime(), until: l.revokedAt?.getTime() ?? null })),
  };
}
