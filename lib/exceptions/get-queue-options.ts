// The choices the queue's filter bar offers: legal entities and the currencies in use.
import { db } from "../db/client.ts";

export async function getQueueOptions() {
  const [entities, banks] = await Promise.all([
    db.legalEntity.findMany({ select: { code: true, name: true, functionalCurrency: true }, orderBy: { code: "asc" } }),
    db.bankAccount.findMany({ select: { currency: true }, distinct: ["currency"] }),
  ]);
  const currencies = [...new Set([...entities.map((e) => e.functionalCurrency), ...banks.map((b) => b.currency)])].sort();
  return { entities: entities.map((e) => ({ code: e.code, name: e.name })), currencies };
}
