// Deterministic generator of remittance scenarios (seeded): customers (some parents of subsidiaries) with many open
// invoices, payments with a generic bank text ("INVOICES", a customer number) and their advice as an X12 820 or the
// contract's CSV, arriving before or after the money; discounts, deductions with reasons, parent/subsidiary
// payments, advices that do not add up or name other customers', other entities' or already paid invoices.
// Truth per receipt: outcome, applications, allowed codes, deductions (with reasons), the advice's reference.
import { Rng } from "../../synthetic/prng.ts";
import { generateCustomers, generateInvoices, type GeneratedInvoice } from "../../synthetic/generate-master.ts";
import { REMIT_MIX, REMIT_SCENARIOS, type RemitScenario, type RemitTruth, type ScenarioCtx } from "./remittance-scenarios.ts";
import { toContractCsv, toX12820 } from "./write-advices.ts";
import type { CustomerInput, InvoiceInput, ReceiptInput } from "../../cashapp/types.ts";
import type { RemittanceAdvice } from "../types.ts";

export type { RemitScenario, RemitTruth } from "./remittance-scenarios.ts";

export interface RemitOptions {
  seed: number;
  customers: number;
  openInvoices: number;
  payments: number;
  mix?: Partial<Record<RemitScenario, number>>;
}

export interface GeneratedPayment {
  receipt: ReceiptInput;
  advice: RemittanceAdvice | null;
  /** "both": the same advice sent twice, as an 820 and as a spreadsheet (it must link once). */
  format: "x12-820" | "csv" | "both";
  /** The advice arrives before the money (waits for it) or after it (the receipt is decided again). */
  arrival: "before" | "after";
  truth: RemitTruth & { receipt_id: string; scenario: RemitScenario };
}

export interface RemitDataset {
  customers: CustomerInput[];
  invoices: InvoiceInput[];
  payments: GeneratedPayment[];
}

export function generateRemittanceDataset(opt: RemitOptions): RemitDataset {
  const rng = new Rng(opt.seed);
  const gc = generateCustomers(rng, opt.customers, false);
  const gi = generateInvoices(rng, gc, { open: opt.openInvoices, paid: Math.round(opt.openInvoices * 0.05), years: [2025, 2026] });
  // Customer hierarchy: about one customer in twelve is the parent of one to three others of its entity.
  const children = new Map<number, number[]>();
  const hasParent = new Set<number>();
  for (let c = 0; c < gc.length; c++) {
    if (hasParent.has(c) || !rng.chance(1 / 12)) continue;
    const kids: number[] = [];
    for (let tries = 0; tries < 20 && kids.length < rng.int(1, 3); tries++) {
      const k = rng.int(0, gc.length - 1);
      if (k !== c && !hasParent.has(k) && !children.has(k) && gc[k]!.entity === gc[c]!.entity) kids.push(k), hasParent.add(k);
    }
    if (kids.length) children.set(c, kids);
  }
  const parentOf = new Map<number, number>();
  for (const [p, kids] of children) for (const k of kids) parentOf.set(k, p);
  const open = new Map<number, GeneratedInvoice[]>();
  for (const inv of gi) {
    if (inv.openMinor <= 0n) continue;
    const list = open.get(inv.customerIdx);
    if (list) list.push(inv);
    else open.set(inv.customerIdx, [inv]);
  }
  let rid = 0;
  let ref = 0;
  const ctx: ScenarioCtx = {
    rng, customers: gc, open, paid: gi.filter((i) => i.openMinor === 0n), children,
    nextId: () => `R${String(++rid).padStart(7, "0")}`,
    nextRef: () => `${String(opt.seed % 1000).padStart(3, "0")}${String(++ref).padStart(7, "0")}`,
  };
  const mix = Object.entries({ ...REMIT_MIX, ...opt.mix }) as [RemitScenario, number][];
  const payments: GeneratedPayment[] = [];
  let misses = 0;
  while (payments.length < opt.payments) {
    const scenario = rng.weighted(mix);
    const saved = rid;
    const made = REMIT_SCENARIOS[scenario](ctx);
    if (!made) {
      rid = saved;
      if (++misses > opt.payments * 50) throw new Error("generator ran out of open invoices for the requested payments");
      continue;
    }
    payments.push({
      receipt: made.receipt, advice: made.advice, format: rng.weighted([["x12-820", 0.57], ["csv", 0.38], ["both", 0.05]] as const),
      arrival: rng.chance(0.5) ? "before" : "after", truth: { ...made.truth, receipt_id: made.receipt.id, scenario },
    });
  }
  return {
    customers: gc.map((c, k) => ({
      id: c.id, name: c.name, aliases: c.aliases, entity: c.entity, bankAccounts: c.bankAccounts,
      parentId: parentOf.has(k) ? gc[parentOf.get(k)!]!.id : null,
    })),
    invoices: gi.map((g) => ({
      id: g.id, number: g.number, customerId: g.customerId, entity: g.entity, currency: g.currency, amount: g.amount,
      openAmount: g.openAmount, issueDate: g.issueDate, dueDate: g.dueDate, poNumber: g.poNumber,
    })),
    payments,
  };
}

/** The advices as files: one X12 820 interchange and one CSV (the formats customers send). */
export function remittanceFiles(ds: RemitDataset): { x12: string; csv: string } {
  const of = (f: GeneratedPayment["format"]) => ds.payments.filter((p) => p.advice && (p.format === f || p.format === "both")).map((p) => p.advice!);
  return { x12: toX12820(of("x12-820")), csv: toContractCsv(of("csv")) };
}
