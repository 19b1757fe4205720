// npm run bench:backtest — the governed-rules backtest at scale: a fresh embedded PostgreSQL filled (COPY) with a
// labelled history from the cash-application generator — 20,000 customers, 250,000 invoices, 100,000 receipts
// arriving over the last 90 days with what finally happened to each (engine applications for the receipts a careful
// analyst applies without doubt, people's applications for the rest that pay invoices) — then one backtest of a
// draft (wider tolerance) against the live default over the window: every receipt reconstructed as of its arrival
// and decided twice. Prints receipts/s, the load and replay times, peak RSS and the figures. Floor: 100,000 receipts
// in under 60 s. Options: --receipts N --invoices N --customers N.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import { createDatabase, startLocalPostgres } from "../lib/db/local-postgres.ts";
import { migrateDatabase } from "../lib/db/migrate.ts";
import { copyInto, copyLine } from "../lib/db/copy-rows.ts";
import { generateDataset } from "../lib/synthetic/generate.ts";
import { toMinor } from "../lib/money/money.ts";

const FLOOR_SECONDS = 60;
const flag = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
const opts = z.object({
  receipts: z.coerce.number().int().min(100).default(100_000), invoices: z.coerce.number().int().min(100).default(250_000), customers: z.coerce.number().int().min(10).default(20_000),
}).parse({ receipts: flag("receipts"), invoices: flag("invoices"), customers: flag("customers") });
const log = (m: string) => console.log(`[bench:backtest] ${m}`);
const DAY = 86_400_000;
const arr = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;

const work = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-backtest-"));
const server = await startLocalPostgres({ dataDir: path.join(work, "pg"), fresh: true });
await createDatabase(server.adminUrl, "bench");
const url = server.urlFor("bench");
const client = new pg.Client({ connectionString: url });
try {
  await migrateDatabase(url, () => {});
  await client.connect();
  const tg = performance.now();
  const data = generateDataset({ seed: 20261204, customers: opts.customers, openInvoices: opts.invoices, receipts: opts.receipts, extraNoise: true });
  log(`generated ${data.customers.length} customers, ${data.invoices.length} invoices, ${data.receipts.length} receipts in ${((performance.now() - tg) / 1000).toFixed(1)} s`);
  const now = Date.now();
  const iso = (t: number) => new Date(t).toISOString();
  const entities = [...new Set(data.customers.map((c) => c.entity))];
  await client.query("begin");
  await client.query("set local session_replication_role = replica"); // no per-row FK triggers while loading
  await copyInto(client, "LegalEntity", ["id", "code", "name", "country", "functionalCurrency"],
    entities.map((e) => copyLine([`ent_${e}`, e, `Bench ${e}`, e.slice(0, 2), e === "DE01" ? "EUR" : e === "UK01" ? "GBP" : "USD"])).join(""));
  await copyInto(client, "Customer", ["id", "entityId", "erpAccountNumber", "name", "aliases", "payerAccounts", "createdAt"],
    data.customers.map((c) => copyLine([c.id, `ent_${c.entity}`, c.id, c.name, arr(c.aliases), arr(c.bankAccounts), iso(now - 400 * DAY)])).join(""));
  // Invoices arrived before the window; what the generator had already paid is paid by one earlier receipt per entity.
  const prior = new Map(entities.map((e) => [e, `prior_${e}`]));
  const priorApps: string[] = [];
  await copyInto(client, "Invoice", ["id", "entityId", "customerId", "number", "poNumber", "currency", "amountMinor", "openAmountMinor", "issueDate", "dueDate", "status", "sourceSystem", "sourceId", "receivedAt", "updatedAt"],
    data.invoices.map((i) => {
      const amount = toMinor(i.amount, i.currency), open = toMinor(i.openAmount, i.currency);
      if (open < amount) priorApps.push(copyLine([`pa_${i.id}`, prior.get(i.entity)!, i.id, "INVOICE", String(amount - open), i.currency, "engine", iso(now - 150 * DAY)]));
      return copyLine([i.id, `ent_${i.entity}`, i.customerId, i.number, i.poNumber ?? null, i.currency, String(amount), String(open), i.issueDate ?? "2026-01-01", i.dueDate ?? "2026-02-01",
        open === 0n ? "PAID" : open < amount ? "PARTIALLY_PAID" : "OPEN", "bench", i.id, iso(now - 200 * DAY), iso(now)]);
    }).join(""));
  const receiptColumns = ["id", "entityId", "currency", "amountMinor", "unappliedMinor", "valueDate", "channel", "payerName", "payerAccount", "remittance", "bankReference", "state", "naturalKey", "sourceSystem", "sourceId", "receivedAt", "stateChangedAt", "createdAt", "updatedAt"];
  const truthOf = new Map(data.truth.map((t) => [t.receipt_id, t]));
  const apps: string[] = [...priorApps];
  const span = 89 * DAY;
  const rows = data.receipts.map((r, k) => {
    const at = now - 90 * DAY + Math.floor((k * span) / data.receipts.length);
    const t = truthOf.get(r.id)!;
    const state = t.expect === "applied" ? "POSTED" : t.applications.length ? "APPLIED" : t.codes.includes("DUPLICATE") ? "DUPLICATE" : "UNIDENTIFIED";
    t.applications.forEach((a, j) => apps.push(copyLine([`a_${r.id}_${j}`, r.id, a.invoice_id, "INVOICE", String(toMinor(a.amount, r.currency)), r.currency, t.expect === "applied" ? "engine" : "user", iso(at + 3_600_000)])));
    const channel = (r.channel ?? "ach").toUpperCase();
    return copyLine([r.id, `ent_${r.entity}`, r.currency, String(toMinor(r.amount, r.currency)), "0", r.valueDate, ["ACH", "WIRE", "CHECK", "CARD", "SEPA"].includes(channel) ? channel : "OTHER",
      r.payerName, r.payerAccount ?? null, r.remittance ?? null, r.bankReference ?? null, state, `nk_${r.id}`, "bench", r.id, iso(at), iso(at), iso(at), iso(at)]);
  });
  rows.push(...entities.map((e) => copyLine([prior.get(e)!, `ent_${e}`, "USD", "1", "0", "2026-01-01", "ACH", "PRIOR", null, null, null, "POSTED", `nk_prior_${e}`, "bench", `prior_${e}`, iso(now - 180 * DAY), iso(now - 180 * DAY), iso(now - 180 * DAY), iso(now - 180 * DAY)])));
  await copyInto(client, "Receipt", receiptColumns, rows.join(""));
  await copyInto(client, "Application", ["id", "receiptId", "invoiceId", "kind", "amountMinor", "currency", "appliedByType", "appliedAt"], apps.join(""));
  await client.query("commit");
  await client.query("vacuum analyze");
  log(`loaded ${data.receipts.length.toLocaleString("en")} receipts, ${data.invoices.length.toLocaleString("en")} invoices, ${apps.length.toLocaleString("en")} applications`);

  process.env.DATABASE_URL = url;
  const { backtestFromPolicyFile } = await import("../lib/backtest/backtest-policy-file.ts");
  const draft = { tolerance: { maxAbsolute: "100.00", maxBasisPoints: 300 }, autoPostConfidence: 0.85 };
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const outcome = await backtestFromPolicyFile(draft, { from: new Date(now - 91 * DAY), to: new Date(now + DAY), entities: [] });
  const seconds = (performance.now() - t0) / 1000;
  if (!outcome.ok) throw new Error(outcome.problem);
  const s = outcome.summary;
  const peakMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  log(`draft ${JSON.stringify(draft)} vs the live default over ${s.live.receipts.toLocaleString("en")} receipts (each decided twice)`);
  log(`total ${seconds.toFixed(1)} s = load ${(s.timing.loadMs / 1000).toFixed(1)} s + replay/decide/compare ${(s.timing.replayMs / 1000).toFixed(1)} s → ${Math.round(s.live.receipts / seconds).toLocaleString("en")} receipts/s end to end, ${s.timing.receiptsPerSecond.toLocaleString("en")} receipts/s in the replay`);
  log(`peak RSS ${peakMiB} MiB (${Math.round(rss0 / 1024 / 1024)} MiB before the backtest, with the generated data still held)`);
  log(`live: automation ${s.live.automation}, precision ${s.live.precision}, wrong ${s.live.wrong}; draft: automation ${s.draft.automation}, precision ${s.draft.precision}, wrong ${s.draft.wrong}; ${s.changed} receipts change`);
  log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}; floor ${opts.receipts.toLocaleString("en")} receipts in < ${FLOOR_SECONDS} s: ${seconds < FLOOR_SECONDS ? "MET" : "MISSED"}`);
  process.exitCode = seconds < FLOOR_SECONDS ? 0 : 1;
} finally {
  await client.end().catch(() => {});
  const { disconnectDb } = await import("../lib/db/client.ts");
  await disconnectDb();
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
}
