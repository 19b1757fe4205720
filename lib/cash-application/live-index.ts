// Per-process, per-entity live match index: built once from the entity's customers, invoices (open, plus those
// paid in the last 180 days so a reference to a paid invoice reads as ALREADY_PAID) and learned payer identities,
// then kept current instead of rebuilt for every job. Rebuilding for a one-receipt job (a card payment) cost more
// than the decision itself (a full load and index of every invoice of the entity).
// Kept current on every use: invoices changed since the last sync (a small query by updatedAt) get their open
// amounts, new invoices are added; learned payers are re-read every use (what an analyst taught a second ago
// counts at once) and customers every CUSTOMER_TTL_MS; a change in either, a voided or renumbered invoice, or
// FULL_RELOAD_MS rebuilds. The index is only a guess at the truth: every write re-checks balances under lock, and
// after each job the invoices it touched are re-read (resyncInvoices), so a decision that lost its race or was
// never written leaves no trace here.
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import { buildIndex, type MatchIndex } from "../cashapp/index.ts";
import type { InvoiceInput } from "../cashapp/engine.ts";

const CUSTOMER_TTL_MS = 30_000;
const FULL_RELOAD_MS = 5 * 60_000;
const PAID_LOOKBACK_DAYS = 180;

const invoiceSelect = { id: true, number: true, customerId: true, entityId: true, currency: true, amountMinor: true, openAmountMinor: true, issueDate: true, dueDate: true, poNumber: true, status: true } as const;
type InvoiceRow = { id: string; number: string; customerId: string; entityId: string; currency: string; amountMinor: bigint; openAmountMinor: bigint; issueDate: Date; dueDate: Date; poNumber: string | null; status: string };

type Live = { code: string; index: MatchIndex; rows: Map<string, InvoiceRow>; syncedTo: Date; customersSig: string; learnedSig: string; customersAt: number; builtAt: number };
const live = new Map<string, Live>();

function toInvoiceInput(i: InvoiceRow, code: string): InvoiceInput {
  return {
    id: i.id, number: i.number, customerId: i.customerId, entity: code, currency: i.currency,
    amount: fromMinor(i.amountMinor, i.currency), openAmount: fromMinor(i.openAmountMinor, i.currency),
    issueDate: i.issueDate.toISOString().slice(0, 10), dueDate: i.dueDate.toISOString().slice(0, 10), poNumber: i.poNumber,
  };
}

const loadCustomers = (entityId: string) =>
  db.customer.findMany({ where: { entityId }, orderBy: { id: "asc" }, select: { id: true, name: true, aliases: true, payerAccounts: true } });
const loadLearned = (entityId: string) =>
  db.learnedPayer.findMany({ where: { revokedAt: null, activatedAt: { not: null }, customer: { entityId } }, orderBy: { id: "asc" }, select: { id: true, customerId: true, payerName: true, payerAccount: true, learnedFromReceiptId: true } });

async function build(entityId: string, code: string, now: number, rows?: Map<string, InvoiceRow>): Promise<Live> {
  const startedAt = new Date(now - 1000);
  const since = new Date(now - PAID_LOOKBACK_DAYS * 86_400_000);
  const [invoices, customers, learned] = await Promise.all([
    rows ? null : db.invoice.findMany({ where: { entityId, status: { not: "VOID" }, OR: [{ openAmountMinor: { gt: 0 } }, { updatedAt: { gte: since } }] }, select: invoiceSelect }),
    loadCustomers(entityId),
    loadLearned(entityId),
  ]);
  const byId = rows ?? new Map(invoices!.map((i) => [i.id, i]));
  const index = buildIndex({
    customers: customers.map((c) => ({ id: c.id, name: c.name, aliases: c.aliases, entity: code, bankAccounts: c.payerAccounts })),
    invoices: [...byId.values()].map((i) => toInvoiceInput(i, code)),
    learnedIdentities: learned.map((l) => ({ customerId: l.customerId, payerName: l.payerName, payerAccount: l.payerAccount, source: l.learnedFromReceiptId ? `learned from receipt ${l.learnedFromReceiptId}` : "learned" })),
  });
  return { code, index, rows: byId, syncedTo: startedAt, customersSig: JSON.stringify(customers), learnedSig: JSON.stringify(learned), customersAt: now, builtAt: now };
}

/** Sets rows read from the database into the index; false when one needs a rebuild (voided, renumbered, moved). */
function apply(l: Live, changed: InvoiceRow[]): boolean {
  for (const inv of changed) {
    const known = l.rows.get(inv.id);
    if (known && (inv.status === "VOID" || inv.number !== known.number || inv.customerId !== known.customerId || inv.currency !== known.currency || inv.poNumber !== known.poNumber)) return false;
    if (!known && inv.status === "VOID") continue;
    l.rows.set(inv.id, inv);
    const idx = l.index.invoiceIndex(inv.id);
    if (idx === undefined) l.index.addInvoice(toInvoiceInput(inv, l.code));
    else l.index.invoices[idx]!.open = inv.openAmountMinor;
  }
  return true;
}

/** The entity's index, current as of now. Callers in one process share it (decisions are made synchronously). */
export async function liveIndexFor(entityId: string, code: string, now = Date.now()): Promise<MatchIndex> {
  let l = live.get(entityId);
  if (!l || l.code !== code || now - l.builtAt > FULL_RELOAD_MS) {
    l = await build(entityId, code, now);
    live.set(entityId, l);
    return l.index;
  }
  // Rows changed since the last sync (with a second of overlap: transactions commit out of order).
  const syncFrom = new Date(l.syncedTo.getTime() - 1000);
  l.syncedTo = new Date(now - 1000);
  const refreshCustomers = now - l.customersAt > CUSTOMER_TTL_MS;
  const [changed, learned, customers] = await Promise.all([
    db.invoice.findMany({ where: { entityId, updatedAt: { gte: syncFrom } }, select: invoiceSelect }),
    loadLearned(entityId),
    refreshCustomers ? loadCustomers(entityId) : null,
  ]);
  if (customers) l.customersAt = now;
  const stale = JSON.stringify(learned) !== l.learnedSig || (customers !== null && JSON.stringify(customers) !== l.customersSig);
  if (stale || !apply(l, changed)) {
    for (const inv of changed) if (inv.status === "VOID") l.rows.delete(inv.id); else l.rows.set(inv.id, inv);
    l = await build(entityId, code, now, l.rows);
    live.set(entityId, l);
  }
  return l.index;
}

/** After a job: the invoices it decided on, as the database has them now (written, lost to a race, or rolled back). */
export async function resyncInvoices(entityId: string, invoiceIds: string[]): Promise<void> {
  const l = live.get(entityId);
  if (!l || invoiceIds.length === 0) return;
  const rows = await db.invoice.findMany({ where: { id: { in: invoiceIds } }, select: invoiceSelect });
  if (!apply(l, rows)) live.delete(entityId);
}

/**
 * Builds every entity's index now (worker start), so the first payment after a deploy is not the one that waits
 * a second for its entity's invoices to be loaded and indexed. Returns how many invoices were indexed.
 */
export async function warmLiveIndexes(): Promise<number> {
  const entities = await db.legalEntity.findMany({ select: { id: true, code: true }, orderBy: { code: "asc" } });
  let invoices = 0;
  for (const e of entities) {
    await liveIndexFor(e.id, e.code);
    invoices += live.get(e.id)?.rows.size ?? 0;
  }
  return invoices;
}

/** Forget everything (tests; a change that must count at once). */
export function clearLiveIndexes(): void {
  live.clear();
}
