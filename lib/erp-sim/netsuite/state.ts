// The simulated NetSuite account's book: customers, invoices, customer payments (with their apply sublist and the
// history of every application, reversed or not), accounting periods. Plain JSON-serialisable data; amounts are
// decimal strings in the transaction's currency. Internal ids come from one sequence, as strings like NetSuite's.
export type NsCustomer = {
  id: string; externalId: string | null; entityId: string; companyName: string; subsidiary: string;
  parent: string | null; bankAccounts: string[]; dateCreated: string; lastModifiedDate: string;
};
/** Settled directly in the ERP (a payment or credit memo entered there), not through Cashline's payments. */
export type NsDirectSettlement = { kind: "payment" | "credit"; amount: string; at: string };
export type NsInvoice = {
  id: string; externalId: string | null; tranId: string; entity: string; subsidiary: string; currency: string;
  total: string; tranDate: string; dueDate: string | null; memo: string | null; settlements: NsDirectSettlement[];
  /** Sum of every payment's live apply line on this invoice (kept up to date by each payment write). */
  applied: string;
  dateCreated: string; lastModifiedDate: string;
};
/** Cashline's non-invoice allocations of a payment (on account, write-off, left unapplied), a custom body field. */
export type NsAllocation = { type: "ON_ACCOUNT" | "WRITE_OFF" | "UNAPPLIED"; amount: string; reason?: string | null };
/** Every application a payment ever had; an unapply or changed amount reverses the line and adds a new one. */
export type NsApplicationHistory = {
  id: string; type: "INVOICE" | NsAllocation["type"]; doc: string | null; invoiceNumber: string | null; amount: string; reversed: boolean;
};
export type NsPayment = {
  id: string; externalId: string | null; tranId: string; tranDate: string; customer: string; subsidiary: string;
  currency: string; account: string; payment: string; memo: string | null; postingPeriod: string | null;
  /** Live apply lines: invoice internal id → amount applied. */
  apply: Record<string, string>;
  allocations: NsAllocation[];
  history: NsApplicationHistory[];
  dateCreated: string; lastModifiedDate: string;
};
export type NsPeriod = { id: string; periodName: string; startDate: string; endDate: string; closed: boolean; arLocked: boolean; lastModifiedDate: string };

export type NsState = {
  nextId: number;
  customers: NsCustomer[];
  invoices: NsInvoice[];
  payments: NsPayment[];
  periods: NsPeriod[];
};

export function emptyState(): NsState {
  return { nextId: 1001, customers: [], invoices: [], payments: [], periods: [] };
}

export const nextId = (s: NsState) => String(s.nextId++);

/** Strictly increasing timestamps, so "modified since" reads never miss a change made in the same millisecond. */
let lastStamp = 0;
export function stamp(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp).toISOString();
}

/**
 * Lookup by a key that never changes after creation (id, externalId, an invoice's tranId), without a linear scan:
 * records are only ever appended, so the index catches up with what was appended since it was last used. Kept
 * outside the state so the state stays plain JSON. (The benchmark posts 12,000 payments into one simulator.)
 */
const indexes = new WeakMap<object, Map<string, { n: number; map: Map<string, unknown> }>>();
export function lookup<T extends object>(list: T[], key: keyof T & string, value: string): T | undefined {
  let perList = indexes.get(list);
  if (!perList) indexes.set(list, (perList = new Map()));
  let idx = perList.get(key);
  if (!idx) perList.set(key, (idx = { n: 0, map: new Map() }));
  for (; idx.n < list.length; idx.n++) {
    const v = list[idx.n]![key];
    if (v !== null && v !== undefined && !idx.map.has(String(v))) idx.map.set(String(v), list[idx.n]);
  }
  return idx.map.get(value) as T | undefined;
}
