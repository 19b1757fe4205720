// Legal entities and the currencies in use (functional currencies and bank-account currencies): the options of
// every entity / currency filter.
import { db } from "../db/client.ts";

export type EntityOptions = { entities: { code: string; name: string; currency: string }[]; currencies: string[] };

export async function listLegalEntities(): Promise<EntityOptions> {
  const [entities, accounts] = await Promise.all([
    db.legalEntity.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true, functionalCurrency: true } }),
    db.bankAccount.findMany({ select: { currency: true }, distinct: ["currency"] }),
  ]);
  const currencies = new Set([...entities.map((e) => e.functionalCurrency), ...accounts.map((a) => a.currency)]);
  return { entities: entities.map((e) => ({ code: e.code, name: e.name, currency: e.functionalCurrency })), currencies: [...currencies].sort() };
}
