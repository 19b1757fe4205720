// `npx tsx scripts/sim-processor.ts`: a Stripe stand-in. Sends Stripe-signed webhooks (Stripe's own signing,
// fresh timestamp per attempt) to a local Cashline: card payments for open invoices (read from DATABASE_URL when
// set, or --invoices), refunds, disputes, payouts — with duplicate deliveries, out-of-order delivery and retries.
// Bounded by --count and --max-seconds; stops by itself; only sends to localhost.
import { z } from "zod";
import { localUrl, logLine, paced, parseFlags, postWithRetry } from "../lib/simulators/sim-cli.ts";
import { planProcessorTraffic, type SimInvoice } from "../lib/simulators/processor-plan.ts";
import { closeSimDb, loadOpenInvoices } from "../lib/simulators/load-sim-master-data.ts";
import { signedDelivery } from "../lib/stripe/stripe-fixtures.ts";

const USAGE = `usage: npx tsx scripts/sim-processor.ts [--url URL] [--secret whsec_…] [--rate N] [--count N] [--seed N] [--max-seconds N] [--invoices LIST]
  --url          webhook endpoint (default http://127.0.0.1:3000/api/webhooks/stripe; localhost only)
  --secret       signing secret (default env STRIPE_WEBHOOK_SECRET)
  --rate         deliveries per second (default 2)
  --count        card payments to simulate (default 50); each makes two or more deliveries
  --seed         seed of the traffic (default: a new one each run)
  --max-seconds  stop after this long whatever is left (default 900)
  --invoices     open invoices to pay, NUMBER:AMOUNT:CURRENCY:ENTITY,… (default: read from DATABASE_URL when set)`;

const invoiceList = z.string().transform((s, ctx) => s.split(",").filter(Boolean).map((item): SimInvoice => {
  const [number, amount, currency = "USD", entity = "US01"] = item.split(":");
  const minor = Math.round(Number(amount) * 100);
  if (!number || !Number.isFinite(minor) || minor <= 0) ctx.addIssue({ code: "custom", message: `"${item}" is not NUMBER:AMOUNT[:CURRENCY[:ENTITY]]` });
  return { number: number ?? "", openMinor: minor, currency: currency.toUpperCase(), entity: entity.toUpperCase() };
}));

let flags;
try {
  flags = parseFlags(z.object({
    url: localUrl.default("http://127.0.0.1:3000/api/webhooks/stripe"),
    secret: z.string().min(8, "set --secret or STRIPE_WEBHOOK_SECRET").default(process.env.STRIPE_WEBHOOK_SECRET ?? ""),
    rate: z.coerce.number().positive().max(100).default(2),
    count: z.coerce.number().int().min(1).max(10_000).default(50),
    seed: z.coerce.number().int().default(Date.now() % 1_000_000),
    "max-seconds": z.coerce.number().positive().max(86_400).default(900),
    invoices: invoiceList.optional(),
  }), process.argv.slice(2), USAGE);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}

let invoices = flags.invoices ?? [];
if (!flags.invoices && process.env.DATABASE_URL) {
  invoices = await loadOpenInvoices(flags.count * 2).catch((e) => { logLine({ msg: "sim-processor: could not read open invoices", error: (e as Error).message }); return []; });
  await closeSimDb();
}
const plan = planProcessorTraffic({ seed: flags.seed, payments: flags.count, invoices });
logLine({ msg: "sim-processor starting", url: flags.url, deliveries: plan.length, payments: flags.count, invoices: invoices.length, seed: flags.seed, rate: flags.rate });

const tally: Record<string, number> = {};
let stop = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => { stop = true; });
const run = await paced(plan, flags.rate, flags["max-seconds"], async (d) => {
  if (stop) return;
  const res = await postWithRetry(flags.url, () => signedDelivery(d.event, flags.secret), { onRetry: (attempt, why) => logLine({ msg: "retry", eventId: d.event.id, attempt, why }) });
  const body = res.status ? (res.body as { status?: string; duplicate?: boolean; detail?: string }) : null;
  const outcome = res.status === 200 ? (body?.duplicate ? "duplicate" : (body?.status ?? "ok")).toLowerCase() : `http_${res.status}`;
  tally[outcome] = (tally[outcome] ?? 0) + 1;
  logLine({ msg: "delivered", type: d.event.type, eventId: d.event.id, kind: d.kind, status: res.status, outcome, attempts: res.attempts, ...(res.status !== 200 ? { detail: body?.detail ?? res.error } : {}) });
});
logLine({ msg: "sim-processor done", sent: run.sent, planned: plan.length, stoppedByTime: run.stoppedByTime, interrupted: stop, outcomes: tally });
process.exit(0);
