// Builds the demo company's data as plain rows (pure, deterministic for a given instant): customers, invoices in
// every state, three weeks of receipts through every workflow position, with their applications, exceptions,
// events, balanced journal entries and the bank statements they arrived on.
import { createRng } from "./prng.ts";
import { DEMO_BANK_ACCOUNTS, DEMO_ENTITIES, NAME_A, NAME_B, SUFFIX } from "./demo-world.ts";
import { buildReceipts } from "./build-demo-receipts.ts";

const DAY = 86_400_000;

export type DemoCustomer = { id: string; entityId: string; erpAccountNumber: string; name: string; aliases: string[]; payerAccounts: string[] };
export type DemoInvoice = {
  id: string; entityId: string; customerId: string; number: string; poNumber: string | null; currency: string;
  amountMinor: bigint; openAmountMinor: bigint; issueDate: Date; dueDate: Date; status: "OPEN" | "PARTIALLY_PAID" | "PAID" | "VOID";
  sourceSystem: string; sourceId: string; receivedAt: Date;
};

/** `now`: the moment the demo is generated; every timestamp it writes is at or before it. */
export function buildDemoData(now: Date) {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const rng = createRng(20261127);
  const entities = DEMO_ENTITIES.map((e) => ({ id: `ent_${e.code}`, code: e.code, name: e.name, country: e.country, functionalCurrency: e.functionalCurrency, timezone: e.timezone }));
  const bankAccounts = DEMO_BANK_ACCOUNTS.map((b, i) => ({
    id: `bank_${i + 1}`, entityId: `ent_${b.entity}`, bankName: b.bankName, bic: b.bic, accountNumber: b.accountNumber, iban: b.iban, currency: b.currency, name: b.name, glAccount: b.glAccount,
  }));

  const customers: DemoCustomer[] = [];
  const mappings: { sourceSystem: string; sourceCustomerId: string; customerId: string }[] = [];
  const usedNames = new Set<string>();
  for (let i = 0; customers.length < 510; i++) {
    const entity = DEMO_ENTITIES[i % 3]!;
    const base = `${rng.pick(NAME_A)} ${rng.pick(NAME_B)}`;
    if (usedNames.has(`${entity.code}:${base}`)) continue;
    usedNames.add(`${entity.code}:${base}`);
    const suffix = rng.pick(SUFFIX[entity.code]!);
    const id = `cus_${String(customers.length + 1).padStart(4, "0")}`;
    const acct = () => entity.code === "US01" ? String(rng.int(1e9, 9.9e9)) : `${entity.country}${rng.int(10, 99)}${String(rng.int(1e9, 9.9e9))}${String(rng.int(1e7, 9.9e7))}`;
    // Ten characters at most: SAP's customer number (KUNNR) is CHAR 10 (UK01 runs on SAP in the demo).
    customers.push({
      id, entityId: `ent_${entity.code}`, erpAccountNumber: `${entity.code}C${String(customers.length + 1).padStart(5, "0")}`,
      name: `${base} ${suffix}`, aliases: [`${base} ${suffix}`.toUpperCase(), base.toUpperCase()],
      payerAccounts: rng.chance(0.8) ? [acct()] : [],
    });
    mappings.push({ sourceSystem: "billing", sourceCustomerId: `bcus_${1000 + customers.length}`, customerId: id });
  }

  const invoices: DemoInvoice[] = [];
  const counters: Record<string, number> = { US01: 0, UK01: 0, DE01: 0 };
  for (let i = 0; i < 5200; i++) {
    const customer = rng.pick(customers);
    const entity = DEMO_ENTITIES.find((e) => `ent_${e.code}` === customer.entityId)!;
    const n = ++counters[entity.code]!;
    const issue = new Date(today.getTime() - rng.int(3, 120) * DAY);
    const amountMinor = BigInt(rng.int(15_000, 2_500_000));
    const roll = rng.next();
    // Older invoices are mostly paid already; recent ones mostly open.
    const ageDays = (today.getTime() - issue.getTime()) / DAY;
    const status = roll < 0.02 ? "VOID" : ageDays > 60 && roll < 0.75 ? "PAID" : roll < 0.08 ? "PARTIALLY_PAID" : "OPEN";
    const open = status === "PAID" || status === "VOID" ? 0n : status === "PARTIALLY_PAID" ? amountMinor / 2n : amountMinor;
    invoices.push({
      id: `inv_${String(i + 1).padStart(5, "0")}`, entityId: customer.entityId, customerId: customer.id, number: entity.invoicePrefix(n),
      poNumber: rng.chance(0.3) ? `PO-${rng.int(40000, 99999)}` : null, currency: entity.functionalCurrency, amountMinor, openAmountMinor: open,
      issueDate: issue, dueDate: new Date(issue.getTime() + 30 * DAY), status, sourceSystem: "billing", sourceId: `bill_inv_${i + 1}`, receivedAt: issue,
    });
  }

  const flow = buildReceipts({ rng, now, customers, invoices, bankAccounts });
  return { entities, bankAccounts, customers, mappings, invoices, ...flow };
}
