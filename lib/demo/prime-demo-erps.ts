// Before Cashline posts to a demo entity's ERP, that ERP must hold what a book of record holds: the entity's
// customers and its invoices still open there (SAP clears against its own open items, BC applies to its own
// invoice numbers, NetSuite to its own internal ids: the adapters look those up by our invoice number). Run at
// `npm run demo` start, after the simulators are up and before the worker posts; the same for every ERP kind:
//  1. customers: the adapter's ensureCustomerAccount for each of the entity's customers;
//  2. invoices: each invoice with something still open in the ERP goes out through invoice publication
//     (lib/erp-sync/publish-invoice.ts: exactly once, the ERP's document number stored back, audit and timeline).
//     One published at an earlier start is sent again (adapters look up before creating: a no-op where the ERP
//     kept it, a re-creation where a simulator without persistence — SAP's, BC's — forgot it);
//  3. history: what was paid before (receipts the seed shows as posted) is settled directly in the ERP, through
//     the simulator's POST /__sim/invoices/{n}/pay, so that the ERP's open amount = Cashline's open amount + what is
//     still on its way (applications of receipts not posted yet): no drift at the first sync.
// The adapter is built from the stored connection as the pipeline builds it, without the pipeline's pacer: a one-off
// burst within the vendor's window (BC: 6,000 requests / 5 min, which its simulator enforces with 429 beyond it).
import { db } from "../db/client.ts";
import type { ErpAdapter, ErpKind } from "../erp/adapter.ts";
import { createErpAdapter } from "../erp/adapters.ts";
import { loadErpConnection } from "../erp-connections/load-erp-connection.ts";
import { invoicePublication, publishInvoiceToErp } from "../erp-sync/publish-invoice.ts";
import { fromMinor, toMinor } from "../money/money.ts";
import { ErpRetryableError } from "../erp/errors.ts";

export type PrimeResult = { entity: string; kind: ErpKind; customers: number; published: number; settled: number; failures: string[] };

type Row = { id: string; number: string; currency: string; amount: bigint; open: bigint; unposted: bigint; published: boolean };

/** Runs `fn` over `items`, `width` at a time. */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

/** A burst may meet the ERP's rate limit (429): wait as told (Retry-After) and try again, a few times. */
async function patiently<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof ErpRetryableError) || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, Math.max(e.retryAfterMs ?? 0, 250 * attempt)));
    }
  }
}

/** The simulator's own "payment keyed in the ERP" endpoint, in each simulator's body shape. */
async function payInSimulator(kind: ErpKind, baseUrl: string, entity: string, invoiceNumber: string, amount: string): Promise<void> {
  const body = kind === "oracle" ? { Amount: amount, BusinessUnit: entity } : kind === "bc" ? { amount, entity } : { amount };
  const res = await fetch(`${baseUrl.replace(/\/$/, "")}/__sim/invoices/${encodeURIComponent(invoiceNumber)}/pay`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`pay ${invoiceNumber} in the ${kind} simulator: ${res.status} ${(await res.text()).slice(0, 300)}`);
}

async function erpOpenAmounts(erp: ErpAdapter, entity: string): Promise<Map<string, string>> {
  const open = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const page = await patiently(() => erp.readOpenReceivables({ entity, modifiedSince: null, cursor }));
    for (const i of page.items) open.set(i.invoiceNumber, i.openAmount);
    cursor = page.cursor;
  } while (cursor);
  return open;
}

/** Primes one entity's ERP (its stored connection); null when the entity has none. */
export async function primeEntityErp(entity: { id: string; code: string }, opts: { width?: number } = {}): Promise<PrimeResult | null> {
  const conn = await loadErpConnection(entity.id);
  if (!conn) return null;
  const width = opts.width ?? 5;
  const base = createErpAdapter({ kind: conn.kind, baseUrl: conn.baseUrl, credentials: conn.credentials, timeoutMs: 15_000, requestRetries: 3 });
  const result: PrimeResult = { entity: entity.code, kind: conn.kind, customers: 0, published: 0, settled: 0, failures: [] };
  const fail = (what: string, e: unknown) => result.failures.push(`${what}: ${(e as Error).message}`);

  const customers = await db.customer.findMany({ where: { entityId: entity.id }, select: { erpAccountNumber: true, name: true }, orderBy: { erpAccountNumber: "asc" } });
  const ensured = new Set<string>();
  await pool(customers, width, async (c) => {
    try {
      await patiently(() => base.ensureCustomerAccount({ accountNumber: c.erpAccountNumber, name: c.name, entity: entity.code }));
      ensured.add(c.erpAccountNumber);
      result.customers++;
    } catch (e) { fail(`customer ${c.erpAccountNumber}`, e); }
  });
  // Publication ensures the invoice's customer first: done above for all of them.
  const erp: ErpAdapter = Object.assign(Object.create(base) as ErpAdapter, {
    ensureCustomerAccount: async (a: { accountNumber: string; name: string; entity: string }) => { if (!ensured.has(a.accountNumber)) await base.ensureCustomerAccount(a); },
  });

  const rows = await db.$queryRaw<Row[]>`
    select i.id, i.number, i.currency, i."amountMinor" as amount, i."openAmountMinor" as open, (i."erpDocumentId" is not null) as published,
           coalesce((select sum(a."amountMinor") from "Application" a
                      where a."invoiceId" = i.id and a.kind = 'INVOICE' and a."reversedAt" is null
                        and not exists (select 1 from "JournalEntry" j where j."receiptId" = a."receiptId" and j.status = 'POSTED')), 0)::bigint as unposted
      from "Invoice" i
     where i."entityId" = ${entity.id} and i.status <> 'VOID' and i."sourceSystem" <> 'erp'
     order by i.number`;
  const wanted = rows.map((r) => ({ ...r, target: r.open + r.unposted > r.amount ? r.amount : r.open + r.unposted })).filter((r) => r.target > 0n);
  const erpNumbers = new Map<string, string>(); // our invoice number → the ERP's document number
  await pool(wanted, width, async (r) => {
    try {
      if (!r.published) {
        const out = await patiently(() => publishInvoiceToErp(r.id, erp, { correlationId: `demo-prime-${entity.code}` }));
        if (out.erpDocumentNumber) erpNumbers.set(r.number, out.erpDocumentNumber);
      } else {
        const inv = await db.invoice.findUniqueOrThrow({ where: { id: r.id }, include: { customer: { select: { erpAccountNumber: true } }, entity: { select: { code: true } } } });
        const doc = await patiently(() => erp.publishInvoice(invoicePublication(inv)));
        // A simulator that forgot its book made a new document: keep the link a sync matches by.
        if (doc.erpDocumentId !== inv.erpDocumentId) await db.invoice.update({ where: { id: r.id }, data: { erpDocumentId: doc.erpDocumentId, erpDocumentNumber: doc.erpDocumentNumber } });
        erpNumbers.set(r.number, doc.erpDocumentNumber);
      }
      result.published++;
    } catch (e) { fail(`invoice ${r.number}`, e); }
  });

  // The ERP reads an invoice back under our number, or (BC) under its own document number.
  const open = await erpOpenAmounts(base, entity.code);
  await pool(wanted, width, async (r) => {
    const key = open.has(r.number) ? r.number : erpNumbers.get(r.number);
    const erpOpen = key === undefined ? undefined : open.get(key);
    if (key === undefined || erpOpen === undefined || toMinor(erpOpen, r.currency) <= r.target) return;
    try {
      await payInSimulator(conn.kind, conn.baseUrl, entity.code, key, fromMinor(toMinor(erpOpen, r.currency) - r.target, r.currency));
      result.settled++;
    } catch (e) { fail(`settle ${r.number}`, e); }
  });
  return result;
}

/** Primes the ERP of each demo entity that has a connection, the entities side by side. */
export async function primeDemoErps(codes: string[]): Promise<PrimeResult[]> {
  const entities = await db.legalEntity.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
  const results = await Promise.all(entities.map((e) => primeEntityErp(e)));
  return results.filter((r): r is PrimeResult => r !== null);
}
