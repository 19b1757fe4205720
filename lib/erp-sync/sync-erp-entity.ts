// Master data in for one legal entity: customers, then receivables, each read incrementally from the entity's ERP
// from its watermark (ErpSyncWatermark: the ERP's LastUpdateDate of the newest row read), page by page, each page
// upserted and its watermark advanced in one transaction — a sync that dies half-way resumes from the last page
// it committed. Then the drift check compares every open invoice with the ERP's figure. One run per entity at a
// time (a transaction-scoped advisory lock per page write; the job queue keeps one job per entity anyway).
import { db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { ErpAdapter, ErpPage } from "../erp/adapter.ts";
import { logger } from "../log/logger.ts";
import { upsertCustomers, upsertInvoices, type Skipped } from "./upsert-master-data.ts";
import { detectErpDrift, type DriftResult } from "./detect-drift.ts";

export type SyncResult = {
  entity: string;
  customers: { read: number; inserted: number; updated: number };
  receivables: { read: number; inserted: number; updated: number; skipped: Skipped[] };
  drift: DriftResult;
};

type Resource = "customers" | "receivables";
type Entity = { id: string; code: string };

async function watermarkOf(entityId: string, resource: Resource): Promise<string | null> {
  const w = await db.erpSyncWatermark.findUnique({ where: { entityId_resource: { entityId, resource } } });
  return w?.watermark ?? null;
}

/** Reads every page changed since the watermark; `apply` writes one page in the transaction that moves the watermark. */
async function readIncrementally<T extends { lastModified: string | null }>(
  entity: Entity, resource: Resource, fetchPage: (since: string | null, cursor: string | null) => Promise<ErpPage<T>>,
  apply: (tx: Prisma.TransactionClient, items: T[]) => Promise<unknown>,
): Promise<number> {
  const since = await watermarkOf(entity.id, resource);
  let cursor: string | null = null;
  let mark = since;
  let read = 0;
  do {
    const page: ErpPage<T> = await fetchPage(since, cursor);
    read += page.items.length;
    for (const i of page.items) if (i.lastModified && (!mark || i.lastModified > mark)) mark = i.lastModified;
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`erp-sync:${entity.id}:${resource}`}))`;
      await apply(tx, page.items);
      const result = { pageItems: page.items.length, readSoFar: read } as Prisma.InputJsonValue;
      await tx.erpSyncWatermark.upsert({
        where: { entityId_resource: { entityId: entity.id, resource } },
        create: { entityId: entity.id, resource, watermark: mark, lastRunAt: new Date(), lastResult: result },
        update: { watermark: mark, lastRunAt: new Date(), lastResult: result },
      });
    }, { timeout: 60_000 });
    cursor = page.cursor;
  } while (cursor);
  return read;
}

export async function syncErpEntity(entity: Entity, erp: ErpAdapter, opts: { correlationId?: string; now?: () => Date } = {}): Promise<SyncResult> {
  const now = opts.now ?? (() => new Date());
  const run = await db.connectorRun.create({ data: { connector: "erp.sync", status: "RUNNING", correlationId: opts.correlationId ?? null, details: { entity: entity.code } } });
  try {
    const customers = { read: 0, inserted: 0, updated: 0 };
    customers.read = await readIncrementally(entity, "customers", (since, cursor) => erp.readCustomers({ entity: entity.code, modifiedSince: since, cursor }), async (tx, items) => {
      const r = await upsertCustomers(tx, entity, items);
      customers.inserted += r.inserted;
      customers.updated += r.updated;
    });
    const receivables = { read: 0, inserted: 0, updated: 0, skipped: [] as Skipped[] };
    receivables.read = await readIncrementally(entity, "receivables", (since, cursor) => erp.readOpenReceivables({ entity: entity.code, modifiedSince: since, cursor }), async (tx, items) => {
      const r = await upsertInvoices(tx, entity, items, now());
      receivables.inserted += r.inserted.length;
      receivables.updated += r.updated;
      receivables.skipped.push(...r.skipped);
    });
    const drift = await detectErpDrift(entity, { correlationId: opts.correlationId, now: now() });
    const result: SyncResult = { entity: entity.code, customers, receivables, drift };
    await db.connectorRun.update({
      where: { id: run.id },
      data: { status: "SUCCEEDED", finishedAt: new Date(), itemsIn: customers.read + receivables.read, itemsOut: customers.inserted + receivables.inserted, details: result as unknown as Prisma.InputJsonValue },
    });
    if (receivables.skipped.length) logger.warn("erp.sync_skipped_rows", { entity: entity.code, skipped: receivables.skipped.slice(0, 20) });
    return result;
  } catch (e) {
    await db.connectorRun.update({ where: { id: run.id }, data: { status: "FAILED", finishedAt: new Date(), error: (e as Error).message.slice(0, 2000) } });
    throw e;
  }
}
