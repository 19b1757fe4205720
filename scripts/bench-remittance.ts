// npm run bench:remittance — remittance advices with 100,000 lines (X12 820 and the contract's CSV, generated with
// lib/remittance/testing), then what `cashline match --remittances` does with them: parse the files, link every
// advice to its receipt, decide each receipt with its advice (engine index built first, timed apart).
// Prints advice lines/s for parse + link + decide (floor 5,000/s on the 2-core machine) and peak RSS.
// Options: --lines N (advice lines, default 100,000) --seed N
import os from "node:os";
import v8 from "node:v8";
import vm from "node:vm";
import { createEngine } from "../lib/cashapp/engine.ts";
import { linkAdvices, payerResolver } from "../lib/remittance/link-advices.ts";
import { generateRemittanceDataset, remittanceFiles } from "../lib/remittance/testing/generate-remittances.ts";
import { scoreRemittances } from "../lib/remittance/testing/score-remittances.ts";
import type { Decision } from "../lib/cashapp/types.ts";
// The ONE parser import: the product's.
import { parseRemittanceAsync } from "../lib/remittance/parse-remittance.ts";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const LINES = arg("lines", 100_000);
const SEED = arg("seed", 20261203);
const FLOOR = 5_000;
const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;

// ~3.3 lines per payment; the generator's mix has 10 % plain payments without an advice.
const payments = Math.ceil(LINES / 3.0);
let t = performance.now();
const ds = generateRemittanceDataset({ seed: SEED, customers: Math.ceil(payments / 5), openInvoices: payments * 6, payments });
const files = remittanceFiles(ds);
const enc = new TextEncoder();
const bytes = [enc.encode(files.x12), enc.encode(files.csv)];
console.log(`generated ${ds.payments.length.toLocaleString()} payments, ${ds.invoices.length.toLocaleString()} invoices, ` +
  `${ds.customers.length.toLocaleString()} customers; files ${(bytes[0]!.length / 1e6).toFixed(1)} MB X12 820 + ${(bytes[1]!.length / 1e6).toFixed(1)} MB CSV ` +
  `(${((performance.now() - t) / 1000).toFixed(1)} s, not timed)`);
try {
  v8.setFlagsFromString("--expose-gc");
  (vm.runInNewContext("gc") as () => void)();
} catch { /* timing then includes some generator garbage */ }

t = performance.now();
const engine = createEngine({ customers: ds.customers, invoices: ds.invoices });
const tIndex = performance.now() - t;

const cpu0 = process.cpuUsage();
t = performance.now();
const advices = [
  ...(await parseRemittanceAsync(bytes[0]!, { format: "auto", fileName: "advices.edi" })).advices,
  ...(await parseRemittanceAsync(bytes[1]!, { format: "auto", fileName: "advices.csv" })).advices,
];
const tParse = performance.now() - t;
const lines = advices.reduce((n, a) => n + a.lines.length, 0);

t = performance.now();
const receipts = ds.payments.map((p) => p.receipt);
const { links } = linkAdvices(advices, receipts, { payers: payerResolver(engine.index) });
const byReceipt = new Map(links.map((l) => [l.receiptId, l]));
const tLink = performance.now() - t;

t = performance.now();
const decisions = new Map<string, Decision>();
for (const r of receipts) {
  const l = byReceipt.get(r.id);
  const d = engine.process(r, l && { advice: advices[l.advice]!, confidence: l.confidence, rule: l.reason });
  // (kept for the check without its reasons, as the CLI streams them out)
  decisions.set(r.id, { ...d, reasons: [] });
}
const tDecide = performance.now() - t;

const cpu = process.cpuUsage(cpu0);
const cpuS = (cpu.user + cpu.system) / 1e6;
const total = tParse + tLink + tDecide;
const rate = lines / (total / 1000);
const s = scoreRemittances(decisions, ds.payments);
const rss = process.resourceUsage().maxRSS;
console.log(`advice lines ${lines.toLocaleString()} in ${advices.length.toLocaleString()} advices; ${links.length.toLocaleString()} linked to ${receipts.length.toLocaleString()} receipts`);
console.log(`parse ${(tParse / 1000).toFixed(2)} s, link ${(tLink / 1000).toFixed(2)} s, decide ${(tDecide / 1000).toFixed(2)} s (engine index ${(tIndex / 1000).toFixed(2)} s, apart)`);
console.log(`parse + link + decide: ${Math.round(rate).toLocaleString()} advice lines/s (floor ${FLOOR.toLocaleString()}/s ${rate >= FLOOR ? "✓" : "✗"}); ` +
  `with the index build ${Math.round(lines / ((total + tIndex) / 1000)).toLocaleString()}/s; peak RSS ${mib(rss)}`);
console.log(`CPU ${cpuS.toFixed(2)} s for parse + link + decide = ${Math.round(lines / cpuS).toLocaleString()} lines per CPU second; ` +
  `load average ${os.loadavg().map((x) => x.toFixed(1)).join(" / ")} on ${os.cpus().length} cores (others' load slows the wall-clock figure)`);
console.log(`check: precision ${(s.precision * 100).toFixed(2)} %, automation ${(s.automation * 100).toFixed(2)} %, deductions right ${s.deductionsRight}/${s.deductionsExpected}`);
if (rate < FLOOR) process.exitCode = 1;
