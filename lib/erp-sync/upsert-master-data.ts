// One page of the ERP's master data into Cashline, set-based, keyed by natural keys (ON CONFLICT):
//   customers  (entityId, erpAccountNumber): name follows the ERP; bank accounts are added to payerAccounts
//              (never removed: a payer Cashline learned stays until an analyst says otherwise)
//   invoices   (entityId, number): a new one is inserted as the ERP has it (sourceSystem "erp", its balance due as
//              the open amount); a known one gets the ERP's figures beside Cashline's own (erpOpenAmountMinor …).
//              Cashline's open amount is never overwritten by a read: a difference is drift (./detect-drift.ts).
import crypto from "node:crypto";
import type { Prisma } from "../db/generated/client.ts";
import type { ErpCustomerRecord, ErpOpenItem } from "../erp/adapter.ts";
import { toMinor } from "../money/money.ts";

type Tx = Prisma.TransactionClient;
type Entity = { id: string; code: string };
export type Skipped = { key: string; reason: string };

export async function upsertCustomers(tx: Tx, entity: Entity, rows: ErpCustomerRecord[]): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const data = rows.map((r) => ({ id: `cus_${crypto.randomUUID()}`, account: r.accountNumber, name: r.name, banks: r.bankAccounts }));
  const out = await tx.$queryRaw<{ inserted: boolean }[]>`
    insert into "Customer" (id, "entityId", "erpAccountNumber", name, aliases, "payerAccounts")
    select x.id, ${entity.id}, x.account, x.name, '{}', coalesce(x.banks, '{}')
      from jsonb_to_recordset(${JSON.stringify(data)}::jsonb) as x(id text, account text, name text, banks text[])
    on conflict ("entityId", "erpAccountNumber") do update
      set name = excluded.name,
          "payerAccounts" = array(select distinct unnest(coalesce("Customer"."payerAccounts", '{}') || excluded."payerAccounts"))
    returning (xmax = 0) as inserted`;
  const inserted = out.filter((o) => o.inserted).length;
  return { inserted, updated: out.length - inserted };
}

export type InvoiceUpsert = { inserted: { id: string; number: string }[]; updated: number; skipped: Skipped[] };

export async function upsertInvoices(tx: Tx, entity: Entity, rows: ErpOpenItem[], now = new Date()): Promise<InvoiceUpsert> {
  const skipped: Skipped[] = [];
  // An invoice Cashline published is known by the ERP document it became, whatever number the ERP reads it back
  // under (Business Central numbers its sales invoices itself and keeps ours as the external document number).
  const docs = [...new Set(rows.map((r) => r.erpDocumentId).filter(Boolean))];
  const published = docs.length === 0 ? new Map<string, string>() : new Map((await tx.invoice.findMany({
    where: { entityId: entity.id, erpDocumentId: { in: docs } }, select: { erpDocumentId: true, number: true },
  })).map((i) => [i.erpDocumentId!, i.number]));
  const data = rows.map((r) => ({ ...r, invoiceNumber: published.get(r.erpDocumentId) ?? r.invoiceNumber })).flatMap((r) => {
    try {
      const amount = toMinor(r.amount, r.currency);
      const open = toMinor(r.openAmount, r.currency);
      const issue = r.issueDate ?? now.toISOString().slice(0, 10);
      return [{
        id: `inv_${crypto.randomUUID()}`, number: r.invoiceNumber, account: r.customerAccount, currency: r.currency, amount: amount.toString(), open: open.toString(),
        issue, due: r.dueDate ?? issue, doc: r.erpDocumentId, updated: r.lastModified,
      }];
    } catch (e) {
      skipped.push({ key: r.invoiceNumber, reason: (e as Error).message });
      return [];
    }
  });
  if (data.length === 0) return { inserted: [], updated: 0, skipped };
  const json = JSON.stringify(data);
  // An invoice may name a customer the customer read has not brought yet (changed in between): create it bare.
  await tx.$executeRaw`
    insert into "Customer" (id, "entityId", "erpAccountNumber", name, aliases, "payerAccounts")
    select distinct on (x.account) 'cus_' || md5(${entity.id} || x.account), ${entity.id}, x.account, x.account, '{}', '{}'
      from jsonb_to_recordset(${json}::jsonb) as x(account text)
    on conflict ("entityId", "erpAccountNumber") do nothing`;
  const out = await tx.$queryRaw<{ id: string; number: string; inserted: boolean }[]>`
    insert into "Invoice" (id, "entityId", "customerId", number, currency, "amountMinor", "openAmountMinor", "issueDate", "dueDate", status,
                           "sourceSystem", "sourceId", "erpDocumentId", "erpOpenAmountMinor", "erpLastUpdatedAt", "erpSyncedAt", "updatedAt")
    select x.id, ${entity.id}, c.id, x.number, x.currency, x.amount::bigint, x.open::bigint, x.issue::date, x.due::date,
           (case when x.open::bigint <= 0 then 'PAID' when x.open::bigint < x.amount::bigint then 'PARTIALLY_PAID' else 'OPEN' end)::"InvoiceStatus",
           'erp', ${entity.code} || ':' || x.doc, x.doc, x.open::bigint, x.updated::timestamptz, ${now}, ${now}
      from jsonb_to_recordset(${json}::jsonb) as x(id text, number text, account text, currency text, amount text, open text, issue text, due text, doc text, updated text)
      join "Customer" c on c."entityId" = ${entity.id} and c."erpAccountNumber" = x.account
    on conflict ("entityId", number) do update
      set "erpDocumentId" = excluded."erpDocumentId", "erpOpenAmountMinor" = excluded."erpOpenAmountMinor",
          "erpLastUpdatedAt" = excluded."erpLastUpdatedAt", "erpSyncedAt" = excluded."erpSyncedAt"
      -- an older read arriving late never replaces a newer one
      where "Invoice"."erpLastUpdatedAt" is null or excluded."erpLastUpdatedAt" is null or "Invoice"."erpLastUpdatedAt" <= excluded."erpLastUpdatedAt"
    returning id, number, (xmax = 0) as inserted`;
  const inserted = out.filter((o) => o.inserted).map(({ id, number }) => ({ id, number }));
  if (inserted.length) {
    // The invoice's timeline starts with the ERP (lineage: which ERP document it came from).
    const byNumber = new Map(data.map((d) => [d.number, d]));
    await tx.workflowEvent.createMany({
      data: inserted.map((i) => {
        const d = byNumber.get(i.number)!;
        return {
          type: "invoice.issued", sourceSystem: "erp", sourceId: `${entity.code}:${d.doc}`, invoiceId: i.id, entityId: entity.id,
          businessKeys: { invoiceNumber: i.number, erpDocumentId: d.doc, customerAccount: d.account },
          payload: { amountMinor: d.amount, openAmountMinor: d.open, currency: d.currency, erpLastUpdatedAt: d.updated }, occurredAt: now, recordedAt: now,
        };
      }),
      skipDuplicates: true,
    });
  }
  return { inserted, updated: out.length - inserted.length, skipped };
}
