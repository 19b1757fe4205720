// Records as NetSuite's REST record service prints them: references as {id, refName}, currency amounts as JSON
// numbers, sublists as a link unless `expandSubResources=true`, a HATEOAS `links` array on everything.
import { amountDue, findCustomer, findInvoice } from "./books.ts";
import { asNumber, decimal, minor } from "./money.ts";
import type { NsCustomer, NsInvoice, NsPayment, NsState } from "./state.ts";

export const RECORD_PREFIX = "/services/rest/record/v1";
const self = (base: string, path: string) => [{ rel: "self", href: `${base}${RECORD_PREFIX}/${path}` }];

export function renderCustomer(base: string, c: NsCustomer) {
  return {
    links: self(base, `customer/${c.id}`), id: c.id, externalId: c.externalId ?? undefined, entityId: c.entityId, companyName: c.companyName,
    subsidiary: { id: c.subsidiary, refName: c.subsidiary }, parent: c.parent ? { id: c.parent } : undefined,
    custentity_cashline_bank_accounts: c.bankAccounts.join(","), dateCreated: c.dateCreated, lastModifiedDate: c.lastModifiedDate,
  };
}

export function renderInvoice(base: string, s: NsState, inv: NsInvoice) {
  const customer = findCustomer(s, inv.entity);
  return {
    links: self(base, `invoice/${inv.id}`), id: inv.id, externalId: inv.externalId ?? undefined, tranId: inv.tranId,
    entity: { id: inv.entity, refName: customer ? `${customer.entityId} ${customer.companyName}` : inv.entity },
    subsidiary: { id: inv.subsidiary, refName: inv.subsidiary }, currency: { id: inv.currency, refName: inv.currency },
    tranDate: inv.tranDate, dueDate: inv.dueDate ?? undefined, memo: inv.memo ?? undefined,
    total: asNumber(inv.total), amountRemaining: asNumber(decimal(amountDue(s, inv), inv.currency)),
    status: { id: amountDue(s, inv) === 0n ? "paidInFull" : "open", refName: amountDue(s, inv) === 0n ? "Paid In Full" : "Open" },
    dateCreated: inv.dateCreated, lastModifiedDate: inv.lastModifiedDate,
  };
}

export function renderPayment(base: string, s: NsState, p: NsPayment, expand: boolean) {
  const customer = findCustomer(s, p.customer);
  const applied = Object.values(p.apply).reduce((sum, a) => sum + minor(a, p.currency), 0n);
  const lines = Object.entries(p.apply).map(([docId, amount], i) => {
    const inv = findInvoice(s, docId)!;
    return {
      doc: { id: docId, refName: `Invoice #${inv.tranId}` }, line: i, apply: true, amount: asNumber(amount), refNum: inv.tranId,
      total: asNumber(inv.total), due: asNumber(decimal(amountDue(s, inv), inv.currency)), type: "Invoice", applyDate: p.tranDate,
    };
  });
  return {
    links: self(base, `customerPayment/${p.id}`), id: p.id, externalId: p.externalId ?? undefined, tranId: p.tranId, tranDate: p.tranDate,
    customer: { id: p.customer, refName: customer ? `${customer.entityId} ${customer.companyName}` : p.customer },
    subsidiary: { id: p.subsidiary, refName: p.subsidiary }, currency: { id: p.currency, refName: p.currency },
    account: { id: p.account, refName: p.account }, postingPeriod: p.postingPeriod ? { id: p.postingPeriod } : undefined,
    payment: asNumber(p.payment), applied: asNumber(decimal(applied, p.currency)),
    unapplied: asNumber(decimal(minor(p.payment, p.currency) - applied, p.currency)), memo: p.memo ?? undefined,
    custbody_cashline_allocations: p.allocations.length ? JSON.stringify(p.allocations) : undefined,
    apply: expand ? { links: self(base, `customerPayment/${p.id}/apply`), items: lines, totalResults: lines.length } : { links: self(base, `customerPayment/${p.id}/apply`) },
    createdDate: p.dateCreated, lastModifiedDate: p.lastModifiedDate,
  };
}
