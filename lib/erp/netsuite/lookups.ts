// Internal ids NetSuite wants for references, looked up by SuiteQL from Cashline's numbers and remembered (they
// never change): customer by entityid (our account number), invoice by tranid (our invoice number), and back.
import { ErpPermanentError } from "../errors.ts";
import { lit, suiteql, suiteqlAll } from "./suiteql.ts";
import type { NsTransport } from "./transport.ts";

export function createLookups(t: NsTransport) {
  const customerIds = new Map<string, string>(); // entityid → id
  const accountNumbers = new Map<string, string>(); // id → entityid
  const invoiceIds = new Map<string, string>(); // tranid → id

  const remember = (id: unknown, entityId: unknown) => {
    customerIds.set(String(entityId), String(id));
    accountNumbers.set(String(id), String(entityId));
  };

  async function customerId(accountNumber: string): Promise<string | null> {
    const known = customerIds.get(accountNumber);
    if (known) return known;
    const page = await suiteql(t, `SELECT id, entityid FROM customer WHERE entityid = ${lit(accountNumber)}`, 2);
    if (page.items.length === 0) return null;
    remember(page.items[0]!.id, page.items[0]!.entityid);
    return String(page.items[0]!.id);
  }

  async function requireCustomerId(accountNumber: string): Promise<string> {
    const id = await customerId(accountNumber);
    if (!id) throw new ErpPermanentError("invalid_posting", `customer ${accountNumber} does not exist in NetSuite (no customer with that ID/entityid)`);
    return id;
  }

  /** Account numbers of customer internal ids (one query for all unknown ones). */
  async function accountNumbersOf(ids: string[]): Promise<Map<string, string>> {
    const missing = [...new Set(ids)].filter((id) => !accountNumbers.has(id) && /^\d+$/.test(id));
    for (let i = 0; i < missing.length; i += 500) {
      const rows = await suiteqlAll(t, `SELECT id, entityid FROM customer WHERE id IN (${missing.slice(i, i + 500).join(", ")})`);
      for (const r of rows) remember(r.id, r.entityid);
    }
    return accountNumbers;
  }

  /** Invoice internal ids of invoice numbers; a number NetSuite does not know is refused before posting anything. */
  async function invoiceIdsOf(numbers: string[]): Promise<Map<string, string>> {
    const missing = [...new Set(numbers)].filter((n) => !invoiceIds.has(n));
    for (let i = 0; i < missing.length; i += 500) {
      const rows = await suiteqlAll(t, `SELECT id, tranid FROM transaction WHERE type = 'CustInvc' AND tranid IN (${missing.slice(i, i + 500).map(lit).join(", ")})`);
      for (const r of rows) invoiceIds.set(String(r.tranid), String(r.id));
    }
    const unknown = numbers.filter((n) => !invoiceIds.has(n));
    if (unknown.length) throw new ErpPermanentError("invalid_posting", `invoice(s) ${[...new Set(unknown)].join(", ")} do not exist in NetSuite; nothing was posted`);
    return invoiceIds;
  }

  return { customerId, requireCustomerId, accountNumbersOf, invoiceIdsOf, rememberCustomer: remember, rememberInvoice: (id: unknown, tranId: unknown) => { invoiceIds.set(String(tranId), String(id)); } };
}
export type Lookups = ReturnType<typeof createLookups>;
