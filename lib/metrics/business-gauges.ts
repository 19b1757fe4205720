// Figures read from the database when Prometheus scrapes the web process: queue depth and age per queue,
// unapplied cash per currency, open cases per code. They describe the whole system, not one process, so only the
// web registers them (workers expose what they observe themselves).
import { db } from "../db/client.ts";
import { client, metric } from "./registry.ts";
import { getUnappliedCash, unappliedByCurrency } from "../figures/unapplied-cash.ts";

type QueueRow = { queue: string; state: string; n: number; oldest: number | null };

async function queueRows(): Promise<QueueRow[]> {
  const [exists] = await db.$queryRaw<{ ok: boolean }[]>`select to_regclass('pgboss.job') is not null as ok`;
  if (!exists?.ok) return [];
  return db.$queryRaw<QueueRow[]>`
    select name as queue, state::text as state, count(*)::int as n,
           extract(epoch from now() - min(case when state in ('created', 'retry') then start_after end))::float8 as oldest
    from pgboss.job where state in ('created', 'retry', 'active') group by name, state`;
}

export function registerBusinessGauges(): void {
  metric("cashline_queue_jobs", (registers) => new client.Gauge({
    name: "cashline_queue_jobs", help: "Jobs waiting (created, retry) or running (active), per queue", labelNames: ["queue", "state"] as const, registers,
    async collect() {
      this.reset();
      for (const r of await queueRows()) this.set({ queue: r.queue, state: r.state }, r.n);
    },
  }));
  metric("cashline_queue_oldest_waiting_seconds", (registers) => new client.Gauge({
    name: "cashline_queue_oldest_waiting_seconds", help: "Age of the oldest job due and not yet taken, per queue", labelNames: ["queue"] as const, registers,
    async collect() {
      this.reset();
      const oldest = new Map<string, number>();
      for (const r of await queueRows()) if (r.oldest !== null) oldest.set(r.queue, Math.max(oldest.get(r.queue) ?? 0, Math.max(0, r.oldest)));
      for (const [queue, seconds] of oldest) this.set({ queue }, seconds);
    },
  }));
  metric("cashline_unapplied_cash_minor_units", (registers) => new client.Gauge({
    name: "cashline_unapplied_cash_minor_units", help: "Unapplied cash per currency in minor units (exact integers; divide by the currency's minor unit to graph); returned payments and duplicates left out, as on every page", labelNames: ["currency"] as const, registers,
    async collect() {
      this.reset();
      // The one definition every page uses (lib/figures/unapplied-cash.ts): returned payments and duplicates left out.
      for (const r of unappliedByCurrency(await getUnappliedCash())) this.set({ currency: r.currency }, Number(r.amountMinor));
    },
  }));
  metric("cashline_open_cases", (registers) => new client.Gauge({
    name: "cashline_open_cases", help: "Exception cases not resolved or cancelled, per code", labelNames: ["code"] as const, registers,
    async collect() {
      this.reset();
      const rows = await db.$queryRaw<{ code: string; n: number }[]>`
        select code::text as code, count(*)::int as n from "ExceptionCase" where status not in ('RESOLVED', 'CANCELLED') group by code`;
      for (const r of rows) this.set({ code: r.code }, r.n);
    },
  }));
}
