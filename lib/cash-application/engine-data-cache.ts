// Per-process cache of what the engine matches against, per legal entity, so a one-receipt job (a card payment)
// does not reload every customer and invoice of its entity. Invoices are refreshed by `updatedAt` on every use
// (a small delta query), learned payers on every use (a small table: what an analyst taught a second ago counts at
// once), customers when older than CUSTOMER_TTL_MS; everything is reloaded after FULL_RELOAD_MS. A stale balance can only make a decision lose its race: persistAppliedBatch re-checks
// every invoice under lock and the receipt is decided again with fresh data.
import { db } from "../db/client.ts";

const CUSTOMER_TTL_MS = 30_000;
const FULL_RELOAD_MS = 5 * 60_000;
const PAID_LOOKBACK_DAYS = 180;

export type CachedInvoice = { id: string; number: string; customerId: string; entityId: string; currency: string; amountMinor: bigint; openAmountMinor: bigint; issueDate: Date; dueDate: Date; poNumber: string | null; status: string; updatedAt: Date };
export type CachedCustomer = { id: string; name: string; aliases: string[]; payerAccounts: string[]; entityId: string };
export type CachedLearned = { customerId: string; payerName: string | null; payerAccount: string | null; learnedFromReceiptId: string | null };

type EntityData = { invoices: Map<string, CachedInvoice>; customers: CachedCustomer[]; learned: CachedLearned[]; invoicesSyncedTo: Date; customersAt: number; fullAt: number };
const cache = new Map<string, EntityData>();

const invoiceSelect = { id: true, number: true, customerId: true, entityId: true, currency: true, amountMinor: true, openAmountMinor: true, issueDate: true, dueDate: true, poNumber: true, status: true, updatedAt: true } as const;

function loadLearned(entityId: string): Promise<CachedLearned[]> {
  return db.learnedPayer.findMany({ where: { revokedAt: null, customer: { entityId } }, select: { customerId: true, payerName: true, payerAccount: true, learnedFromReceiptId: true } });
}

async function loadCustomers(entityId: string) {
  const [customers, learned] = await Promise.all([
    db.customer.findMany({ where: { entityId }, select: { id: true, name: true, aliases: true, payerAccounts: true, entityId: true } }),
    loadLearned(entityId),
  ]);
  return { customers, learned };
}

async function refresh(entityId: string, now: number): Promise<EntityData> {
  const cached = cache.get(entityId);
  if (!cached || now - cached.fullAt > FULL_RELOAD_MS) {
    const since = new Date(now - PAID_LOOKBACK_DAYS * 86_400_000);
    const startedAt = new Date(now - 1000);
    const [invoices, people] = await Promise.all([
      db.invoice.findMany({ where: { entityId, status: { not: "VOID" }, OR: [{ openAmountMinor: { gt: 0 } }, { updatedAt: { gte: since } }] }, select: invoiceSelect }),
      loadCustomers(entityId),
    ]);
    const fresh = { invoices: new Map(invoices.map((i) => [i.id, i])), ...people, invoicesSyncedTo: startedAt, customersAt: now, fullAt: now };
    cache.set(entityId, fresh);
    return fresh;
  }
  // Rows changed since the last sync (with a second of overlap: transactions commit out of order).
  const syncFrom = new Date(cached.invoicesSyncedTo.getTime() - 1000);
  cached.invoicesSyncedTo = new Date(now - 1000);
  const changed = await db.invoice.findMany({ where: { entityId, updatedAt: { gte: syncFrom } }, select: invoiceSelect });
  for (const inv of changed) {
    if (inv.status === "VOID") cached.invoices.delete(inv.id);
    else cached.invoices.set(inv.id, inv);
  }
  if (now - cached.customersAt > CUSTOMER_TTL_MS) Object.assign(cached, await loadCustomers(entityId), { customersAt: now });
  else cached.learned = await loadLearned(entityId);
  return cached;
}

export async function engineDataFor(entityIds: string[], now = Date.now()) {
  const parts = await Promise.all(entityIds.map((id) => refresh(id, now)));
  return {
    invoices: parts.flatMap((p) => [...p.invoices.values()]),
    customers: parts.flatMap((p) => p.customers),
    learned: parts.flatMap((p) => p.learned),
  };
}

/** Forget everything (tests; a learned payer revoked and wanted at once). */
export function clearEngineDataCache(): void {
  cache.clear();
}
