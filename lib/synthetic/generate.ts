// Deterministic generator of labelled cash-application data (seeded PRNG): customers, invoices and
// receipts with the kinds of noise seen in real bank data, plus the truth for each receipt.
// Used by the unseen-data test and by the benchmark.
import { Rng } from "./prng.ts";
import { generateCustomers, generateInvoices } from "./generate-master.ts";
import { GenState } from "./generate-state.ts";
import { EXTRA_MIX, SAMPLE_MIX, SCENARIOS, type Ctx, type Scenario } from "./generate-receipts.ts";
import type { TruthRecord } from "../cashapp/scoring.ts";
import type { CustomerInput, InvoiceInput, ReceiptInput } from "../cashapp/types.ts";

export type { Scenario } from "./generate-receipts.ts";

export interface GenerateOptions {
  seed: number;
  customers: number;
  /** Invoices with something open. */
  openInvoices: number;
  /** Additional fully paid invoices. */
  paidInvoices?: number;
  receipts: number;
  /** Invoice years (numbers carry the year). Default [2025, 2026]. */
  years?: number[];
  /** Add noise kinds the public sample does not show (PO refs, ranges, accents, "Rechnung", "and" lists…). */
  extraNoise?: boolean;
  /** Scenario weights; default the public sample's mix (+ extra scenarios when extraNoise). */
  mix?: Partial<Record<Scenario, number>>;
}

export interface GeneratedDataset {
  customers: CustomerInput[];
  invoices: InvoiceInput[];
  receipts: ReceiptInput[];
  truth: TruthRecord[];
}

export function generateDataset(opt: GenerateOptions): GeneratedDataset {
  const rng = new Rng(opt.seed);
  const extra = opt.extraNoise ?? false;
  const gcustomers = generateCustomers(rng, opt.customers, extra);
  const ginvoices = generateInvoices(rng, gcustomers, {
    open: opt.openInvoices, paid: opt.paidInvoices ?? Math.round(opt.openInvoices * 0.08), years: opt.years ?? [2025, 2026],
  });
  // Published copies (the generator's state mutates its own open amounts as the stream goes).
  const invoices: InvoiceInput[] = ginvoices.map((g) => ({
    id: g.id, number: g.number, customerId: g.customerId, entity: g.entity, currency: g.currency, amount: g.amount,
    openAmount: g.openAmount, issueDate: g.issueDate, dueDate: g.dueDate, poNumber: g.poNumber,
  }));
  const customers: CustomerInput[] = gcustomers.map((c) => ({
    id: c.id, name: c.name, aliases: c.aliases, entity: c.entity, bankAccounts: c.bankAccounts,
  }));
  const st = new GenState(gcustomers, ginvoices);
  const mix = Object.entries(opt.mix ?? { ...SAMPLE_MIX, ...(extra ? EXTRA_MIX : {}) }) as [Scenario, number][];
  let rid = 0;
  const usedRefs = new Set<string>();
  const ctx: Ctx = {
    rng, st, extra, appliedSoFar: [],
    nextId: () => `R${String(++rid).padStart(7, "0")}`,
    nextBankRef: () => {
      let r: string;
      do r = `BR${rng.digits(10)}`;
      while (usedRefs.has(r));
      usedRefs.add(r);
      return r;
    },
    date: () => `2026-${String(rng.int(9, 11)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`,
  };
  const receipts: ReceiptInput[] = [];
  const truth: TruthRecord[] = [];
  let misses = 0;
  while (receipts.length < opt.receipts) {
    const scenario = rng.weighted(mix);
    const saved = rid;
    const made = SCENARIOS[scenario](ctx);
    if (!made) {
      rid = saved;
      if (++misses > opt.receipts * 200) throw new Error("generator cannot produce the requested receipts");
      continue;
    }
    receipts.push(made.receipt);
    truth.push({ receipt_id: made.receipt.id, scenario, ...made.truth });
    if (made.truth.expect === "applied") ctx.appliedSoFar.push(made.receipt);
  }
  return { customers, invoices, receipts, truth };
}
