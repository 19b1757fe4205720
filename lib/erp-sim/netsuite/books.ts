// Customers, invoices and accounting periods of the simulated account, with NetSuite's rules: an invoice's amount
// due is its total less every live payment application and whatever was settled directly in the ERP.
import { invalidValue, NsError, notFound, userError } from "./errors.ts";
import { decimal, minor } from "./money.ts";
import { lookup, nextId, stamp, type NsCustomer, type NsInvoice, type NsPayment, type NsPeriod, type NsState } from "./state.ts";

export const findCustomer = (s: NsState, id: string) => lookup(s.customers, "id", id);
export const customerByEntityId = (s: NsState, entityId: string) => s.customers.find((c) => c.entityId === entityId); // entityId may change
export const findInvoice = (s: NsState, id: string) => lookup(s.invoices, "id", id);
export const invoiceByTranId = (s: NsState, tranId: string) => lookup(s.invoices, "tranId", tranId);

export function getCustomer(s: NsState, id: string): NsCustomer {
  const c = findCustomer(s, id);
  if (!c) throw notFound(`customer ${id}`);
  return c;
}

export function getInvoice(s: NsState, id: string): NsInvoice {
  const i = findInvoice(s, id);
  if (!i) throw notFound(`invoice ${id}`);
  return i;
}

export type CustomerInput = { externalId?: string | null; entityId: string; companyName: string; subsidiary: string; parent?: string | null; bankAccounts?: string[] };

export function createCustomer(s: NsState, input: CustomerInput): NsCustomer {
  if (customerByEntityId(s, input.entityId)) throw new NsError(400, "DUP_ENTITY", `A customer record with ID ${input.entityId} already exists.`, "entityId");
  if (input.parent && !findCustomer(s, input.parent)) throw invalidValue("parent", `You have entered an Invalid Field Value ${input.parent} for the following field: parent`);
  const at = stamp();
  const c: NsCustomer = {
    id: nextId(s), externalId: input.externalId ?? null, entityId: input.entityId, companyName: input.companyName,
    subsidiary: input.subsidiary, parent: input.parent ?? null, bankAccounts: input.bankAccounts ?? [], dateCreated: at, lastModifiedDate: at,
  };
  s.customers.push(c);
  return c;
}

export function updateCustomer(s: NsState, c: NsCustomer, input: Partial<CustomerInput>): NsCustomer {
  if (input.entityId && input.entityId !== c.entityId && customerByEntityId(s, input.entityId)) {
    throw new NsError(400, "DUP_ENTITY", `A customer record with ID ${input.entityId} already exists.`, "entityId");
  }
  Object.assign(c, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)), { lastModifiedDate: stamp() });
  return c;
}

export type InvoiceInput = {
  externalId?: string | null; tranId?: string | null; entity: string; subsidiary?: string | null; currency: string;
  total: bigint; tranDate: string; dueDate?: string | null; memo?: string | null;
};

export function createInvoice(s: NsState, input: InvoiceInput): NsInvoice {
  const customer = findCustomer(s, input.entity);
  if (!customer) throw invalidValue("entity", `You have entered an Invalid Field Value ${input.entity} for the following field: entity`);
  const subsidiary = input.subsidiary ?? customer.subsidiary;
  if (subsidiary !== customer.subsidiary) throw invalidValue("subsidiary", `Customer ${customer.entityId} belongs to subsidiary ${customer.subsidiary}, not ${subsidiary}.`);
  if (input.tranId && invoiceByTranId(s, input.tranId)) throw new NsError(400, "DUP_RCRD", `An invoice with number ${input.tranId} already exists.`, "tranId");
  assertPeriodOpen(s, input.tranDate);
  const id = nextId(s);
  const at = stamp();
  const inv: NsInvoice = {
    id, externalId: input.externalId ?? null, tranId: input.tranId || `INV${id}`, entity: customer.id, subsidiary, currency: input.currency,
    total: decimal(input.total, input.currency), tranDate: input.tranDate, dueDate: input.dueDate ?? null, memo: input.memo ?? null,
    settlements: [], applied: decimal(0n, input.currency), dateCreated: at, lastModifiedDate: at,
  };
  s.invoices.push(inv);
  return inv;
}

/** Amount still due on an invoice, leaving out one payment's own line (that payment is being rewritten). */
export function amountDue(_s: NsState, inv: NsInvoice, exceptPayment?: NsPayment): bigint {
  let due = minor(inv.total, inv.currency) - minor(inv.applied, inv.currency);
  const own = exceptPayment?.apply[inv.id];
  if (own) due += minor(own, inv.currency);
  for (const st of inv.settlements) due -= minor(st.amount, inv.currency);
  return due;
}

/** Paid or credited directly in the ERP (drift tests): `amount` defaults to everything still due. */
export function settleInvoice(s: NsState, inv: NsInvoice, kind: "payment" | "credit", amount?: bigint): NsInvoice {
  const due = amountDue(s, inv);
  const m = amount ?? due;
  if (m <= 0n || m > due) throw userError(`Cannot ${kind === "payment" ? "pay" : "credit"} ${decimal(m, inv.currency)} ${inv.currency} on invoice ${inv.tranId}: amount due is ${decimal(due, inv.currency)}.`);
  inv.settlements.push({ kind, amount: decimal(m, inv.currency), at: stamp() });
  inv.lastModifiedDate = stamp();
  return inv;
}

export function periodOf(s: NsState, date: string): NsPeriod | undefined {
  return s.periods.find((p) => p.startDate <= date && date <= p.endDate);
}

/** Posting into a closed period, or one whose A/R is locked, is refused as NetSuite does. */
export function assertPeriodOpen(s: NsState, date: string): NsPeriod | undefined {
  const p = periodOf(s, date);
  if (p?.closed) throw userError(`The accounting period ${p.periodName} is closed. You cannot post transactions dated ${date} to it.`, "tranDate");
  if (p?.arLocked) throw userError(`The accounting period ${p.periodName} is locked for Accounts Receivable. You cannot post transactions dated ${date} to it.`, "tranDate");
  return p;
}

export type PeriodInput = { name?: string; start: string; end: string; closed?: boolean; arLocked?: boolean };

export function upsertPeriod(s: NsState, input: PeriodInput): NsPeriod {
  const existing = s.periods.find((p) => p.startDate === input.start && p.endDate === input.end);
  const at = stamp();
  if (existing) {
    Object.assign(existing, { closed: input.closed ?? existing.closed, arLocked: input.arLocked ?? existing.arLocked, periodName: input.name ?? existing.periodName, lastModifiedDate: at });
    return existing;
  }
  if (s.periods.some((p) => p.startDate <= input.end && input.start <= p.endDate)) {
    throw userError(`Period ${input.start}..${input.end} overlaps an existing accounting period.`);
  }
  const p: NsPeriod = { id: nextId(s), periodName: input.name ?? input.start.slice(0, 7), startDate: input.start, endDate: input.end, closed: input.closed ?? false, arLocked: input.arLocked ?? false, lastModifiedDate: at };
  s.periods.push(p);
  s.periods.sort((a, b) => a.startDate.localeCompare(b.startDate));
  return p;
}
