// A small company for connector tests: the demo's three entities (US01 USD, UK01 GBP, DE01 EUR) with one bank
// account each, a customer per entity, and its billing and Stripe customer mappings.
import { getDb } from "../db/client.ts";

export async function seedConnectorWorld() {
  const db = getDb();
  const entities = [
    { id: "ent_us", code: "US01", name: "Demo Inc.", country: "US", functionalCurrency: "USD", bank: "bank_us", gl: "1010" },
    { id: "ent_uk", code: "UK01", name: "Demo Ltd", country: "GB", functionalCurrency: "GBP", bank: "bank_uk", gl: "1020" },
    { id: "ent_de", code: "DE01", name: "Demo GmbH", country: "DE", functionalCurrency: "EUR", bank: "bank_de", gl: "1030" },
  ];
  for (const e of entities) {
    await db.legalEntity.create({ data: { id: e.id, code: e.code, name: e.name, country: e.country, functionalCurrency: e.functionalCurrency } });
    await db.bankAccount.create({ data: { id: e.bank, entityId: e.id, bankName: "Bank", accountNumber: `acct_${e.code}`, currency: e.functionalCurrency, name: `${e.code} operating`, glAccount: e.gl } });
    await db.customer.create({ data: { id: `cust_${e.code}`, entityId: e.id, erpAccountNumber: `C-${e.code}`, name: `Customer of ${e.code}`, aliases: [], payerAccounts: [] } });
  }
  await db.customerSourceMapping.createMany({
    data: [
      { sourceSystem: "billing", sourceCustomerId: "bcus_us", customerId: "cust_US01" },
      { sourceSystem: "billing", sourceCustomerId: "bcus_uk", customerId: "cust_UK01" },
      { sourceSystem: "stripe", sourceCustomerId: "cus_known", customerId: "cust_US01" },
    ],
  });
  return { us: entities[0]!, uk: entities[1]!, de: entities[2]! };
}
