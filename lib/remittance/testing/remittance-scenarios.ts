// The scenarios of the remittance generator: one payment each (a receipt with a generic bank text and its advice),
// with the truth the engine must reach. Invoices are taken from the generator's state so no two payments pay the
// same open amount twice.
import { formatMoney } from "../../cashapp/money.ts";
import { bankStyle, type GeneratedCustomer, type GeneratedInvoice } from "../../synthetic/generate-master.ts";
import type { Rng } from "../../synthetic/prng.ts";
import type { ReceiptInput } from "../../cashapp/types.ts";
import type { DeductionReason, RemittanceAdvice, RemittanceLine } from "../types.ts";

export type RemitScenario =
  | "multi_full" | "discount" | "unauthorised_discount" | "deductions" | "parent_pays" | "small_unexplained"
  | "does_not_add_up" | "other_customer" | "other_entity" | "already_paid" | "short_unexplained" | "plain_reference";

export const REMIT_MIX: Record<RemitScenario, number> = {
  multi_full: 18, discount: 10, unauthorised_discount: 4, deductions: 18, parent_pays: 10, small_unexplained: 5,
  does_not_add_up: 7, other_customer: 5, other_entity: 3, already_paid: 5, short_unexplained: 5, plain_reference: 10,
};

export interface RemitTruth {
  expect: "applied" | "exception";
  applications: { invoice_id: string; amount: string }[];
  codes: string[];
  deductions: { invoice_id: string; amount: string; reason: string }[];
  remittance: string | null;
}

export interface Made {
  receipt: ReceiptInput;
  advice: RemittanceAdvice | null;
  truth: RemitTruth;
}

export interface ScenarioCtx {
  rng: Rng;
  customers: GeneratedCustomer[];
  /** Open invoices per customer (idx), taken as payments use them. */
  open: Map<number, GeneratedInvoice[]>;
  paid: GeneratedInvoice[];
  children: Map<number, number[]>;
  nextId: () => string;
  nextRef: () => string;
}

const REASONS: DeductionReason[] = ["PRICING", "PROMOTION", "DAMAGED", "SHORT_SHIPMENT", "FREIGHT", "TAX", "RETURN", "OTHER"];
const TEXT: Record<string, string> = { PRICING: "price difference", PROMOTION: "co-op promotion", DAMAGED: "damaged on arrival", SHORT_SHIPMENT: "short shipped", FREIGHT: "freight charged", TAX: "tax exempt", RETURN: "goods returned", OTHER: "see note" };

/** A customer with at least `n` open invoices (optionally with subsidiaries); takes them from the state. */
function take(ctx: ScenarioCtx, n: number, pred: (c: number) => boolean = () => true): { c: number; invoices: GeneratedInvoice[] } | null {
  for (let tries = 0; tries < 40; tries++) {
    const c = ctx.rng.int(0, ctx.customers.length - 1);
    const list = ctx.open.get(c) ?? [];
    if (list.length < n || !pred(c)) continue;
    ctx.rng.shuffle(list);
    return { c, invoices: list.splice(0, n) };
  }
  return null;
}

/** The number as a customer's AP system writes it. */
function written(rng: Rng, inv: GeneratedInvoice): string {
  const n = inv.number;
  switch (rng.int(0, 5)) {
    case 0: return n.toLowerCase();
    case 1: return n.replace(/[^A-Za-z0-9]/g, "");
    case 2: return n.replace(/\D/g, "");
    case 3: return n.replace(/[-/]/g, " ");
    default: return n;
  }
}

function bankText(rng: Rng, c: GeneratedCustomer): string {
  return rng.pick(["INVOICES", `CUST ${c.id}`, "PAYMENT", "REMITTANCE ADVICE SENT SEPARATELY", `INVOICES ${c.id}`, "AP PAYMENT"]);
}

interface Paying {
  inv: GeneratedInvoice;
  paid: bigint;
  discount?: bigint;
  deductions?: { amount: bigint; reason: DeductionReason }[];
  /** What the truth expects applied (default paid + discount). */
  applied?: bigint;
}

/** Receipt + advice for paying these invoices; the receipt amount is the lines' total unless `receiptDelta`. */
function payment(
  ctx: ScenarioCtx, payer: GeneratedCustomer, items: Paying[], truthOf: (ref: string, receiptId: string) => RemitTruth, receiptDelta = 0n,
  byReference = false,
): Made {
  const { rng } = ctx;
  const cur = payer.spec.currency;
  const fmt = (x: bigint) => formatMoney(x, cur);
  let total = 0n;
  const lines: RemittanceLine[] = items.map((p) => {
    total += p.paid;
    return {
      document: written(rng, p.inv), document_type: "invoice", paid: fmt(p.paid), invoice_amount: fmt(p.inv.amountMinor),
      discount: fmt(p.discount ?? 0n),
      adjustments: (p.deductions ?? []).map((d) => ({ amount: fmt(-d.amount), reason: d.reason, code: null, text: TEXT[d.reason] ?? null })),
    };
  });
  const ref = ctx.nextRef();
  const day = rng.int(1, 25);
  const valueDate = `2026-11-${String(day + rng.int(0, 2)).padStart(2, "0")}`;
  // How the advice finds its money: the trace number as the bank reference, in the bank text, or not at all.
  const how = byReference ? rng.pick(["bank", "text"] as const) : rng.weighted([["bank", 0.5], ["text", 0.2], ["none", 0.3]] as const);
  const id = ctx.nextId();
  const receipt: ReceiptInput = {
    id, entity: payer.entity, currency: cur, amount: fmt(total + receiptDelta), valueDate, channel: "ach",
    payerName: rng.chance(0.5) ? bankStyle(payer.name) : payer.name.toUpperCase(), payerAccount: rng.chance(0.6) ? payer.bankAccounts[0]! : null,
    remittance: how === "text" ? `${bankText(rng, payer)} TRN ${ref}` : bankText(rng, payer),
    bankReference: how === "bank" ? ref : `BR${rng.digits(10)}`,
  };
  const advice: RemittanceAdvice = {
    payment_reference: ref, payer_name: payer.name.toUpperCase(), payer_id: rng.chance(0.4) ? payer.id : null, payee_name: null,
    currency: cur, payment_amount: fmt(total), payment_date: `2026-11-${String(day).padStart(2, "0")}`, method: "ACH", lines,
  };
  return { receipt, advice, truth: truthOf(ref, id) };
}

const applied = (items: Paying[], cur: string): RemitTruth["applications"] =>
  items.filter((p) => (p.applied ?? p.paid + (p.discount ?? 0n)) > 0n)
    .map((p) => ({ invoice_id: p.inv.id, amount: formatMoney(p.applied ?? p.paid + (p.discount ?? 0n), cur) }));
const deductionsOf = (items: Paying[], cur: string): RemitTruth["deductions"] =>
  items.flatMap((p) => (p.deductions ?? []).map((d) => ({ invoice_id: p.inv.id, amount: formatMoney(d.amount, cur), reason: d.reason })));

function ok(c: GeneratedCustomer, items: Paying[]) {
  return (ref: string): RemitTruth => ({ expect: "applied", applications: applied(items, c.spec.currency), codes: [], deductions: deductionsOf(items, c.spec.currency), remittance: ref });
}
function no(codes: string[]) {
  return (ref: string): RemitTruth => ({ expect: "exception", applications: [], codes, deductions: [], remittance: ref });
}

const full = (inv: GeneratedInvoice): Paying => ({ inv, paid: inv.openMinor });

export const REMIT_SCENARIOS: Record<RemitScenario, (ctx: ScenarioCtx) => Made | null> = {
  multi_full(ctx) {
    const t = take(ctx, ctx.rng.int(2, 8));
    if (!t) return null;
    const items = t.invoices.map(full);
    return payment(ctx, ctx.customers[t.c]!, items, ok(ctx.customers[t.c]!, items));
  },
  discount(ctx) {
    const t = take(ctx, ctx.rng.int(1, 6));
    if (!t) return null;
    const items = t.invoices.map((inv): Paying => {
      if (inv.openMinor !== inv.amountMinor || ctx.rng.chance(0.4)) return full(inv);
      const d = (inv.amountMinor * BigInt(ctx.rng.pick([100, 150, 200]))) / 10000n; // 1 %, 1.5 %, 2 %
      return { inv, paid: inv.openMinor - d, discount: d };
    });
    return payment(ctx, ctx.customers[t.c]!, items, ok(ctx.customers[t.c]!, items));
  },
  unauthorised_discount(ctx) {
    const t = take(ctx, ctx.rng.int(1, 4));
    if (!t) return null;
    if (t.invoices[0]!.openMinor !== t.invoices[0]!.amountMinor) return null;
    const items = t.invoices.map((inv, k): Paying => {
      if (k > 0) return full(inv);
      const d = (inv.amountMinor * BigInt(ctx.rng.pick([300, 500, 1000]))) / 10000n + 1n; // over the policy's 2 %
      return { inv, paid: inv.openMinor - d, discount: d, applied: inv.openMinor - d, deductions: [] };
    });
    const c = ctx.customers[t.c]!;
    return payment(ctx, c, items, (ref) => ({
      ...ok(c, items)(ref),
      deductions: [{ invoice_id: items[0]!.inv.id, amount: formatMoney(items[0]!.discount!, c.spec.currency), reason: "UNAUTHORISED_DISCOUNT" }],
    }));
  },
  deductions(ctx) {
    const t = take(ctx, ctx.rng.int(1, 8));
    if (!t) return null;
    const items = t.invoices.map((inv, k): Paying => {
      if (k > 0 && ctx.rng.chance(0.6)) return full(inv);
      // The whole invoice disputed: nothing paid on it, all of it a deduction.
      if (k > 0 && ctx.rng.chance(0.1)) return { inv, paid: 0n, deductions: [{ amount: inv.openMinor, reason: ctx.rng.pick(REASONS) }] };
      const ds = Array.from({ length: ctx.rng.chance(0.2) ? 2 : 1 }, () => ({
        amount: (inv.openMinor * BigInt(ctx.rng.int(100, 1500))) / 10000n + 1n, reason: ctx.rng.pick(REASONS),
      }));
      return { inv, paid: inv.openMinor - ds.reduce((a, d) => a + d.amount, 0n), deductions: ds };
    });
    return payment(ctx, ctx.customers[t.c]!, items, ok(ctx.customers[t.c]!, items));
  },
  parent_pays(ctx) {
    const parents = [...ctx.children.keys()];
    if (!parents.length) return null;
    const p = ctx.rng.pick(parents);
    const items: Paying[] = [];
    for (const c of [p, ...ctx.children.get(p)!]) {
      const list = ctx.open.get(c) ?? [];
      for (const inv of list.splice(0, ctx.rng.int(0, 3))) items.push(ctx.rng.chance(0.3) ? { inv, paid: inv.openMinor - inv.openMinor / 20n, deductions: [{ amount: inv.openMinor / 20n, reason: "PROMOTION" }] } : full(inv));
    }
    if (items.length < 2 || new Set(items.map((i) => i.inv.customerId)).size < 2) return null;
    return payment(ctx, ctx.customers[p]!, items, ok(ctx.customers[p]!, items));
  },
  small_unexplained(ctx) {
    const t = take(ctx, ctx.rng.int(1, 4), (c) => ctx.customers[c]!.spec.currency !== "JPY");
    if (!t || t.invoices[0]!.openMinor < 50000n) return null;
    const items = t.invoices.map(full);
    const short = BigInt(ctx.rng.int(1, 200)); // ≤ 2.00, within min(25.00, 0.5 %) of ≥ 500.00
    items[0] = { inv: items[0]!.inv, paid: items[0]!.inv.openMinor - short, applied: items[0]!.inv.openMinor };
    return payment(ctx, ctx.customers[t.c]!, items, ok(ctx.customers[t.c]!, items));
  },
  does_not_add_up(ctx) {
    const t = take(ctx, ctx.rng.int(2, 6));
    if (!t) return null;
    const items = t.invoices.map(full);
    const total = items.reduce((a, p) => a + p.paid, 0n);
    const delta = (total * BigInt(ctx.rng.int(300, 2000))) / 10000n + 100n;
    const short = ctx.rng.chance(0.7);
    return payment(ctx, ctx.customers[t.c]!, items, no(short ? ["SHORT_PAY"] : ["OVERPAYMENT"]), short ? -delta : delta, true);
  },
  other_customer(ctx) {
    const t = take(ctx, ctx.rng.int(1, 4));
    if (!t) return null;
    const c = ctx.customers[t.c]!;
    const o = take(ctx, 1, (x) => x !== t.c && ctx.customers[x]!.entity === c.entity && !related(ctx, x, t.c));
    if (!o) return null;
    return payment(ctx, c, [...t.invoices.map(full), full(o.invoices[0]!)], no(["AMBIGUOUS"]));
  },
  other_entity(ctx) {
    const t = take(ctx, ctx.rng.int(1, 3));
    if (!t) return null;
    const c = ctx.customers[t.c]!;
    const o = take(ctx, 1, (x) => ctx.customers[x]!.entity !== c.entity);
    if (!o) return null;
    const foreign = o.invoices[0]!;
    // The foreign invoice's amount, as if in the receipt's currency.
    const m = payment(ctx, c, [...t.invoices.map(full), { inv: foreign, paid: foreign.openMinor }], no(["UNIDENTIFIED", "CURRENCY_MISMATCH"]), 0n, true);
    // The other entity's number as printed (with its series letters: digits alone may read as an invoice here).
    m.advice!.lines[m.advice!.lines.length - 1]!.document = foreign.number;
    return m;
  },
  already_paid(ctx) {
    const t = take(ctx, ctx.rng.int(1, 4));
    if (!t) return null;
    const c = ctx.customers[t.c]!;
    const paid = ctx.paid.find((p) => p.customerId === c.id);
    if (!paid) return null;
    return payment(ctx, c, [...t.invoices.map(full), { inv: paid, paid: paid.amountMinor }], no(["ALREADY_PAID"]));
  },
  short_unexplained(ctx) {
    const t = take(ctx, ctx.rng.int(1, 4));
    if (!t || t.invoices[0]!.openMinor < 20000n) return null;
    const items = t.invoices.map(full);
    items[0] = { inv: items[0]!.inv, paid: (items[0]!.inv.openMinor * 8n) / 10n };
    return payment(ctx, ctx.customers[t.c]!, items, no(["SHORT_PAY"]));
  },
  plain_reference(ctx) {
    const t = take(ctx, 1);
    if (!t) return null;
    const c = ctx.customers[t.c]!;
    const inv = t.invoices[0]!;
    const m = payment(ctx, c, [full(inv)], () => ({ expect: "applied", applications: [{ invoice_id: inv.id, amount: inv.openAmount }], codes: [], deductions: [], remittance: null }));
    return { receipt: { ...m.receipt, remittance: inv.number, bankReference: `BR${ctx.rng.digits(10)}` }, advice: null, truth: m.truth };
  },
};

function related(ctx: ScenarioCtx, a: number, b: number): boolean {
  const parentOf = (x: number) => [...ctx.children].find(([, kids]) => kids.includes(x))?.[0] ?? x;
  return parentOf(a) === parentOf(b);
}
