// `npx tsx scripts/sim-bank.ts`: a bank that drops statement files into Cashline's landing folder on a schedule —
// camt.053 for a EUR account, BAI2 for the USD accounts, an MT942 intraday report and then the MT940 of the day
// (overlapping lines) for the GBP account, and NACHA returns of ACH credits it sent earlier — for the demo's bank
// accounts (read from DATABASE_URL), paying open invoices with real-world remittance noise. Files are written as
// *.part and renamed when complete, as an SFTP upload would. Bounded by --count and --max-seconds.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { createRng } from "../lib/demo/prng.ts";
import { BankSimulator, type SimAccount, type SimInvoice } from "../lib/bank-sim/plan-bank-drops.ts";
import { logLine, parseFlags } from "../lib/simulators/sim-cli.ts";

const USAGE = `usage: npx tsx scripts/sim-bank.ts [--dir DIR] [--every SECONDS] [--count N] [--seed N] [--max-seconds N]
  --dir          landing folder (default env BANK_DROP_DIR, else .data/bank-drop)
  --every        seconds between files (default 20)
  --count        files to drop (default 30)
  --seed         seed of the payments (default: a new one each run)
  --max-seconds  stop after this long whatever is left (default 1800)
needs DATABASE_URL (the bank's customers are the demo's: its bank accounts and open invoices)`;

let flags;
try {
  flags = parseFlags(z.object({
    dir: z.string().min(1).default(process.env.BANK_DROP_DIR ?? ".data/bank-drop"),
    every: z.coerce.number().min(0.1).max(3600).default(20),
    count: z.coerce.number().int().min(1).max(10_000).default(30),
    seed: z.coerce.number().int().default(Date.now() % 1_000_000),
    "max-seconds": z.coerce.number().positive().max(86_400).default(1800),
  }), process.argv.slice(2), USAGE);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  console.error(`DATABASE_URL is not set\n${USAGE}`);
  process.exit(2);
}

const { getDb, disconnectDb } = await import("../lib/db/client.ts");

async function loadAccounts(): Promise<SimAccount[]> {
  const db = getDb();
  const accounts = await db.bankAccount.findMany({ include: { entity: { select: { code: true } } }, orderBy: { id: "asc" } });
  return Promise.all(accounts.map(async (a) => {
    const last = await db.bankStatement.findFirst({
      where: { bankAccountId: a.id, closingBalanceMinor: { not: null }, closingDate: { not: null } },
      orderBy: [{ closingDate: "desc" }, { receivedAt: "desc" }], select: { closingBalanceMinor: true, closingDate: true },
    });
    return {
      id: a.id, entity: a.entity.code, currency: a.currency, accountNumber: a.accountNumber, iban: a.iban, name: a.name,
      lastClosingMinor: last?.closingBalanceMinor ?? null, lastClosingDate: last?.closingDate?.toISOString().slice(0, 10) ?? null,
    };
  }));
}

async function loadInvoices(limit: number): Promise<SimInvoice[]> {
  const rows = await getDb().invoice.findMany({
    where: { status: { in: ["OPEN", "PARTIALLY_PAID"] }, openAmountMinor: { gt: 0n } }, orderBy: { dueDate: "asc" }, take: limit,
    include: { entity: { select: { code: true } }, customer: { select: { name: true, payerAccounts: true } } },
  });
  return rows.map((r) => ({ number: r.number, entity: r.entity.code, currency: r.currency, openMinor: r.openAmountMinor, customerName: r.customer.name, payerAccount: r.customer.payerAccounts[0] ?? null }));
}

const [accounts, invoices] = await Promise.all([loadAccounts(), loadInvoices(flags.count * 20)]);
await disconnectDb();
const dir = path.resolve(flags.dir);
fs.mkdirSync(dir, { recursive: true });
const sim = new BankSimulator(createRng(flags.seed), accounts, invoices, new Date().toISOString().slice(0, 10), flags.seed % 1000);
logLine({ msg: "sim-bank starting", dir, accounts: accounts.length, openInvoices: invoices.length, count: flags.count, every: flags.every, seed: flags.seed });

let stop = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => { stop = true; });
const started = Date.now();
let dropped = 0;
while (!stop && dropped < flags.count && Date.now() - started < flags["max-seconds"] * 1000) {
  const drop = sim.nextDrop();
  if (!drop) break;
  const target = path.join(dir, drop.filename);
  fs.writeFileSync(`${target}.part`, drop.content);
  fs.renameSync(`${target}.part`, target); // complete: the connector may take it now
  dropped++;
  logLine({ msg: "dropped", file: drop.filename, kind: drop.kind, account: drop.account, lines: drop.lines, bytes: drop.content.length });
  const until = Date.now() + flags.every * 1000;
  while (!stop && Date.now() < until) await new Promise((r) => setTimeout(r, Math.min(500, until - Date.now())));
}
logLine({ msg: "sim-bank done", dropped, interrupted: stop, stoppedByTime: Date.now() - started >= flags["max-seconds"] * 1000 });
process.exit(0);
