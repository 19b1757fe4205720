// `npx tsx scripts/sim-billing.ts`: a billing-platform stand-in. Sends batches of invoice.issued events (and now
// and then invoice.voided, credit_memo.issued, an invoice for a customer nobody has mapped yet) to
// POST /api/v1/billing/events with an API key, redelivering some batches. Bounded by --count and --max-seconds;
// stops by itself; only sends to localhost.
import { z } from "zod";
import { localUrl, logLine, paced, parseFlags, postWithRetry } from "../lib/simulators/sim-cli.ts";
import { planBillingTraffic, type SimBillingCustomer } from "../lib/simulators/billing-plan.ts";
import { closeSimDb, loadBillingCustomers } from "../lib/simulators/load-sim-master-data.ts";

const USAGE = `usage: npx tsx scripts/sim-billing.ts [--url URL] [--api-key clk_…] [--rate N] [--count N] [--batch N] [--seed N] [--max-seconds N] [--customers LIST]
  --url          events endpoint (default http://127.0.0.1:3000/api/v1/billing/events; localhost only)
  --api-key      key with scope billing:events (default env CASHLINE_API_KEY)
  --rate         batches per second (default 0.5)
  --count        events to send in all (default 200)
  --batch        largest batch (default 25, at most 500)
  --seed         seed of the traffic (default: a new one each run; it also names the run's invoices)
  --max-seconds  stop after this long whatever is left (default 900)
  --customers    billing customers, ID:ENTITY:CURRENCY,… (default: the mapped ones from DATABASE_URL when set)`;

const customerList = z.string().transform((s) => s.split(",").filter(Boolean).map((item): SimBillingCustomer => {
  const [billingCustomerId = "", entity = "US01", currency = "USD"] = item.split(":");
  return { billingCustomerId, entity: entity.toUpperCase(), currency: currency.toUpperCase() };
}));

let flags;
try {
  flags = parseFlags(z.object({
    url: localUrl.default("http://127.0.0.1:3000/api/v1/billing/events"),
    "api-key": z.string().regex(/^clk_/, "an API key (clk_…): --api-key or CASHLINE_API_KEY").default(process.env.CASHLINE_API_KEY ?? ""),
    rate: z.coerce.number().positive().max(50).default(0.5),
    count: z.coerce.number().int().min(1).max(100_000).default(200),
    batch: z.coerce.number().int().min(1).max(500).default(25),
    seed: z.coerce.number().int().default(Date.now() % 1_000_000),
    "max-seconds": z.coerce.number().positive().max(86_400).default(900),
    customers: customerList.optional(),
  }), process.argv.slice(2), USAGE);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}

let customers = flags.customers ?? [];
if (!flags.customers && process.env.DATABASE_URL) {
  customers = await loadBillingCustomers(300).catch((e) => { logLine({ msg: "sim-billing: could not read billing customers", error: (e as Error).message }); return []; });
  await closeSimDb();
}
const plan = planBillingTraffic({ seed: flags.seed, events: flags.count, customers, run: flags.seed.toString(36), maxBatch: flags.batch });
logLine({ msg: "sim-billing starting", url: flags.url, batches: plan.length, events: flags.count, customers: customers.length, seed: flags.seed });

const tally: Record<string, number> = {};
let stop = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => { stop = true; });
const run = await paced(plan, flags.rate, flags["max-seconds"], async (batch, i) => {
  if (stop) return;
  const res = await postWithRetry(flags.url, () => ({
    body: JSON.stringify(batch.events), headers: { "content-type": "application/json", authorization: `Bearer ${flags["api-key"]}` },
  }), { onRetry: (attempt, why) => logLine({ msg: "retry", batch: i, attempt, why }) });
  const results = res.status === 200 ? (res.body as { results: { status: string; duplicate: boolean }[] }).results : [];
  for (const r of results) {
    const k = r.duplicate ? "duplicate" : r.status;
    tally[k] = (tally[k] ?? 0) + 1;
  }
  if (res.status !== 200) tally[`http_${res.status}`] = (tally[`http_${res.status}`] ?? 0) + 1;
  logLine({ msg: "batch sent", batch: i, events: batch.events.length, redelivery: batch.redelivery, status: res.status, attempts: res.attempts, ...(res.status !== 200 ? { detail: (res.body as { detail?: string } | null)?.detail ?? res.error } : {}) });
});
logLine({ msg: "sim-billing done", sent: run.sent, planned: plan.length, stoppedByTime: run.stoppedByTime, interrupted: stop, outcomes: tally });
process.exit(0);
