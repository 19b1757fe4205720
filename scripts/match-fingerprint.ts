// Decision fingerprint of the cash-application engine: every decision of generated streams (the bench's
// data set and smaller ones of other seeds), in full, hashed — so a performance change can be shown to
// change no decision, not only the summary figures. Usage: npx tsx scripts/match-fingerprint.ts [--dump dir]
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { generateDataset } from "../lib/synthetic/generate.ts";
import { createEngine } from "../lib/cashapp/engine.ts";

const dumpAt = process.argv.indexOf("--dump");
const dumpDir = dumpAt > 0 ? process.argv[dumpAt + 1] : null;
const runs = [
  { seed: 20260101, customers: 20_000, openInvoices: 250_000, receipts: 100_000, extraNoise: true },
  { seed: 7, customers: 2_000, openInvoices: 20_000, receipts: 20_000, extraNoise: false },
  { seed: 11, customers: 500, openInvoices: 6_000, receipts: 20_000, extraNoise: true },
];
for (const opts of runs) {
  const data = generateDataset(opts);
  const engine = createEngine({ customers: data.customers, invoices: data.invoices });
  const h = createHash("sha256");
  const lines: string[] = [];
  for (const r of data.receipts) {
    const line = JSON.stringify(engine.process(r));
    h.update(line + "\n");
    if (dumpDir) lines.push(line);
  }
  // The open amounts left behind, too.
  for (const inv of engine.index.invoices) h.update(`${inv.idx}:${inv.open}\n`);
  console.log(`seed ${opts.seed}: ${h.digest("hex")}`);
  if (dumpDir) writeFileSync(`${dumpDir}/decisions-${opts.seed}.jsonl`, lines.join("\n") + "\n");
}
