// npm run bench:match — generate 250,000 open invoices over 20,000 customers and 100,000 receipts with
// real-world noise, then run the engine exactly as `cashline match` does (build the index, decide and
// apply each receipt in order). Prints receipts/s, peak RSS, the time of a plain exact-reference hash join
// over the same data (the floor), and precision/automation on the generated truth.
// Options: --customers N --invoices N --receipts N --seed N --plain (no extra noise kinds)
import { generateDataset } from "../lib/synthetic/generate.ts";
import { createEngine } from "../lib/cashapp/engine.ts";
import { formatScore, ScoreAccumulator } from "../lib/cashapp/scoring.ts";
import { parseMoney } from "../lib/cashapp/money.ts";
import os from "node:os";
import v8 from "node:v8";
import vm from "node:vm";

/** Collect the generator's garbage before timing, so it is not charged to the engine. */
function collectGarbage(): void {
  try {
    v8.setFlagsFromString("--expose-gc");
    (vm.runInNewContext("gc") as () => void)();
  } catch {
    /* not available: timing then includes some generator garbage */
  }
}

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

const opts = {
  seed: arg("seed", 20260101),
  customers: arg("customers", 20_000),
  openInvoices: arg("invoices", 250_000),
  receipts: arg("receipts", 100_000),
  extraNoise: !process.argv.includes("--plain"),
};
const RECEIPTS_PER_S_FLOOR = 50_000; // issue 15: including the index build on 250,000 invoices
const RSS_CEILING = 1024 ** 3;

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const t0 = performance.now();
const data = generateDataset(opts);
const tGen = performance.now() - t0;
console.log(
  `generated ${data.customers.length} customers, ${data.invoices.length} invoices ` +
    `(${data.invoices.filter((i) => !/^0(\.0+)?$/.test(i.openAmount)).length} open), ${data.receipts.length} receipts ` +
    `in ${(tGen / 1000).toFixed(1)} s (seed ${opts.seed}, extra noise ${opts.extraNoise})`,
);

// Inputs in the shape the CLI's CSV loader produces (one object shape per record type).
const customers = data.customers.map((c) => ({ id: c.id, name: c.name, aliases: c.aliases, entity: c.entity, bankAccounts: c.bankAccounts }));
const invoices = data.invoices.map((i) => ({
  id: i.id, number: i.number, customerId: i.customerId, entity: i.entity, currency: i.currency, amount: i.amount,
  openAmount: i.openAmount, issueDate: i.issueDate, dueDate: i.dueDate, poNumber: i.poNumber ?? null,
}));
const receipts = data.receipts.map((r) => ({
  id: r.id, entity: r.entity, currency: r.currency, amount: r.amount, valueDate: r.valueDate, channel: r.channel,
  payerName: r.payerName, payerAccount: r.payerAccount ?? null, remittance: r.remittance ?? null, bankReference: r.bankReference ?? null,
}));

// Floor: a plain exact-reference hash join (remittance text == invoice number, amount == open amount).
{
  const t = performance.now();
  const byNumber = new Map<string, { id: string; open: bigint }>();
  for (const inv of invoices) byNumber.set(inv.number, { id: inv.id, open: parseMoney(inv.openAmount, inv.currency) });
  let hits = 0;
  for (const r of receipts) {
    const inv = byNumber.get((r.remittance ?? "").trim());
    if (inv && inv.open === parseMoney(r.amount, r.currency) && inv.open > 0n) {
      inv.open = 0n;
      hits++;
    }
  }
  const ms = performance.now() - t;
  console.log(`floor: exact-reference hash join   ${ms.toFixed(0)} ms (${hits} matched, ${(data.receipts.length / (ms / 1000)).toFixed(0)} receipts/s)`);
}

// The engine, the CLI's code path.
collectGarbage();
const cpu0 = process.cpuUsage();
const tb = performance.now();
const engine = createEngine({ customers, invoices });
const tIndex = performance.now() - tb;
// Like the CLI, nothing is kept per decision (the CLI writes it out); it is scored on the fly.
// Scoring is timed separately and not charged to the engine.
const score = new ScoreAccumulator();
let tScore = 0;
const td = performance.now();
for (let i = 0; i < receipts.length; i++) {
  const d = engine.process(receipts[i]!);
  const ts = performance.now();
  score.add(d, data.truth[i]!);
  tScore += performance.now() - ts;
}
const tDecide = performance.now() - td - tScore;
const cpu = process.cpuUsage(cpu0);
const total = tIndex + tDecide;
const rate = data.receipts.length / (total / 1000);
const rss = process.resourceUsage().maxRSS * 1024;
console.log(`engine: index build ${tIndex.toFixed(0)} ms, decide ${tDecide.toFixed(0)} ms, total ${total.toFixed(0)} ms`);
console.log(`engine: ${rate.toFixed(0)} receipts/s including index build (${(data.receipts.length / (tDecide / 1000)).toFixed(0)} receipts/s deciding)`);
console.log(
  `engine CPU time ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (all threads, GC included); ` +
    `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`,
);
console.log(`peak RSS: ${mb(rss)} (includes the generated data set)`);

console.log(formatScore("generated data", score.result()));

const ok = rate >= RECEIPTS_PER_S_FLOOR && rss < RSS_CEILING;
console.log(
  `floors: ${RECEIPTS_PER_S_FLOOR} receipts/s ${rate >= RECEIPTS_PER_S_FLOOR ? "OK" : "MISSED"}, ` +
    `peak RSS < 1 GiB ${rss < RSS_CEILING ? "OK" : "MISSED"}`,
);
process.exitCode = ok ? 0 : 1;
