// Periodic work of the worker process (drop-folder polling, retrying open exceptions, outbox sweeps).
// Each entry runs on an interval in this process; the work it triggers is enqueued with dedupe keys, so
// several workers running the same schedule never do the same thing twice.
import { logger } from "../lib/log/logger.ts";
import { fillDeliveries } from "../lib/outbox/fill-deliveries.ts";
import { deliverPending } from "../lib/outbox/deliver-pending.ts";
import { retryOpenExceptions } from "../lib/cash-application/retry-exceptions.ts";
import { snapshotUnappliedCash } from "../lib/dashboards/snapshot-unapplied-cash.ts";
import { foldFiguresKeptOnWrite } from "../lib/figures/figures-kept-on-write.ts";
import path from "node:path";
import { env } from "../lib/env.ts";
import { pollDropFolder } from "../lib/bank-ingestion/poll-drop-folder.ts";
import { pollRemittanceDropFolder } from "../lib/remittance/poll-remittance-drop-folder.ts";
import { findWaitingExpressJobs } from "../lib/jobs/find-waiting-express-jobs.ts";
import { JOBS } from "./registry.ts";
import { openStalledCases } from "../lib/receipts/open-stalled-cases.ts";
import { retryFailedPostings } from "../lib/posting/retry-failed-postings.ts";
import { erpConnections } from "../lib/posting/erp-connection.ts";
import { resealErpCredentials } from "../lib/erp-connections/reseal-erp-credentials.ts";
import { requestErpSync } from "../lib/erp-sync/request-erp-sync.ts";
import { enqueue } from "../lib/jobs/enqueue.ts";
import { importFxRatesJob } from "../lib/fx/import-rates-job-spec.ts";
import { pollRemittanceMailboxJob } from "../lib/remittance/poll-mailbox-job-spec.ts";
import { remittanceMailboxConfig } from "../lib/remittance/mailbox-config.ts";

export type Schedule = { name: string; everyMs: number; run: () => Promise<void> };

export const SCHEDULES: Schedule[] = [
  // Re-decide open exceptions nobody is working on (new invoices, mappings and learned payers change the answer).
  { name: "cash.retry-exceptions", everyMs: 5 * 60_000, run: async () => { await retryOpenExceptions(undefined, `schedule-retry-${Date.now()}`); } },
  // Publication outbox: turn new events into deliveries, then send what is due (signed, ordered per receipt).
  { name: "outbox.publish", everyMs: 500, run: async () => { await fillDeliveries(); await deliverPending(); } },
  // Aging trend: end-of-day unapplied cash for each closed day (a no-op once yesterday is written).
  { name: "unapplied.snapshot", everyMs: 15 * 60_000, run: async () => { await snapshotUnappliedCash(); } },
  // Figures kept on write (unapplied cash, unreconciled bank lines, GL balances, receipt arrivals): fold the movements
  // the triggers appended into their roll-ups, so pages read a few rows (lib/figures/figures-kept-on-write.ts).
  { name: "figures.fold", everyMs: 15_000, run: foldFiguresKeptOnWrite },
  // Bank drop folder (BANK_DROP_DIR): claim complete files by atomic rename, ingest, move to processed/ or quarantine/.
  { name: "bank.drop-folder", everyMs: 2000, run: async () => { await pollDropFolder(path.resolve(env().BANK_DROP_DIR)); } },
  // Remittance drop folder (REMITTANCE_DROP_DIR): advices taken in like an upload, moved to processed/ or quarantine/.
  { name: "remittance.drop-folder", everyMs: 2000, run: async () => { await pollRemittanceDropFolder(path.resolve(env().REMITTANCE_DROP_DIR)); } },
  // No silent stall: a receipt past its state's allowed time with no case gets a STALLED case (lib/receipts/stall-thresholds.ts).
  {
    name: "receipts.stall-watch", everyMs: 5 * 60_000, run: async () => {
      const opened = await openStalledCases();
      if (opened.length) logger.warn("receipts.stalled", { opened: opened.length });
    },
  },
  // Postings that failed because the ERP was down go again, same idempotency keys, once the ERP answers again.
  {
    name: "erp.retry-failed-postings", everyMs: 60_000, run: async () => {
      const { retried } = await retryFailedPostings(erpConnections());
      if (retried.length) logger.info("erp.auto_retried", { receipts: retried.length });
    },
  },
  // ERP connection credentials sealed with an old CASHLINE_ENCRYPTION_KEY are resealed with the current one.
  {
    name: "erp.reseal-connection-credentials", everyMs: 60_000, run: async () => {
      if (!process.env.CASHLINE_ENCRYPTION_KEY) return;
      const n = await resealErpCredentials();
      if (n) logger.info("erp.credentials_resealed", { connections: n });
    },
  },
  // The ERP as book of record: customers and receivables of every entity, incrementally (one queued job per entity).
  { name: "erp.sync", everyMs: Number(process.env.ERP_SYNC_EVERY_MINUTES ?? 15) * 60_000, run: async () => { await requestErpSync({}); } },
  // Card payments waiting over a minute for an express lane: no express or `all` worker running, or one overwhelmed.
  {
    name: "jobs.express-watch", everyMs: 30_000, run: async () => {
      for (const w of await findWaitingExpressJobs(JOBS)) {
        logger.error("jobs.express_waiting", { ...w, hint: "express jobs are taken only by workers with WORKER_LANES=all or express: is one running?" });
      }
    },
  },
];

// ECB reference rates (FX_RATES_URL): one pg-boss job per time slot of FX_RATES_EVERY_MINUTES (the first at start);
// deduplicated while queued, and a re-import is harmless (same day and pair replaces the rate).
let fxSlot: number | null = null;
SCHEDULES.push({
  name: "fx.import-rates", everyMs: 60_000, run: async () => {
    const url = env().FX_RATES_URL;
    const slot = Math.floor(Date.now() / (env().FX_RATES_EVERY_MINUTES * 60_000));
    if (!url || slot === fxSlot) return;
    await enqueue(importFxRatesJob, { url, slot: String(slot) });
    fxSlot = slot;
  },
});

// Remittance mailbox (REMITTANCE_IMAP_*): one pg-boss job per slot of REMITTANCE_IMAP_EVERY_SECONDS, one at a time
// across workers (lib/remittance/poll-mailbox-job-spec.ts); off while REMITTANCE_IMAP_HOST is unset.
let mailboxSlot: number | null = null;
SCHEDULES.push({
  name: "remittance.poll-mailbox", everyMs: 5_000, run: async () => {
    const config = remittanceMailboxConfig();
    if (!config) return;
    const slot = Math.floor(Date.now() / (config.everySeconds * 1000));
    if (slot === mailboxSlot) return;
    await enqueue(pollRemittanceMailboxJob, { slot: String(slot) });
    mailboxSlot = slot;
  },
});

export async function startSchedules(onError: (err: unknown) => void = () => {}): Promise<() => void> {
  const timers = SCHEDULES.map((s) => {
    let busy = false;
    return setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        await s.run();
      } catch (err) {
        logger.error("schedule.failed", { schedule: s.name, error: err instanceof Error ? err.message : String(err) });
        onError(err);
      } finally {
        busy = false;
      }
    }, s.everyMs);
  });
  return () => timers.forEach(clearInterval);
}
