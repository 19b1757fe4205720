// Labelled receipt scenarios (same kinds as the public sample, plus optional extra noise): each returns
// the receipt and its truth, or null when the current state cannot produce it (another is drawn).
import { formatMoney } from "../cashapp/money.ts";
import type { Rng } from "./prng.ts";
import type { GeneratedCustomer, GeneratedInvoice } from "./generate-master.ts";
import { ENTITIES } from "./generate-master.ts";
import type { GenState } from "./generate-state.ts";
import {
  EXTRA_GENERIC, EXTRA_SEPARATORS, GENERIC_REMITTANCE, MULTI_SEPARATORS, UNKNOWN_PAYERS, payerNameFor, refSpelling,
  typoNumber, wrapRef,
} from "./generate-noise.ts";
import type { TruthRecord } from "../cashapp/scoring.ts";
import type { ReceiptInput } from "../cashapp/types.ts";

export type Scenario =
  | "exact_ref" | "ref_noise" | "multi_ref" | "typo_ref" | "bank_fee" | "third_party_payer" | "no_ref_amount"
  | "no_ref_subset" | "no_ref_subset_ambiguous" | "decoy_other_customer" | "duplicate" | "overpay" | "short_pay"
  | "paid_invoice_ref" | "unidentified" | "currency_mismatch" | "po_ref" | "range_ref" | "small_overpay";

export interface Ctx {
  rng: Rng;
  st: GenState;
  extra: boolean;
  /** Earlier receipts whose truth is `applied` (duplicate sources). */
  appliedSoFar: ReceiptInput[];
  nextId: () => string;
  nextBankRef: () => string;
  date: () => string;
}

export type Made = { receipt: ReceiptInput; truth: Omit<TruthRecord, "receipt_id" | "scenario"> } | null;

const APPLIED = (apps: { invoice_id: string; amount: string }[]) => ({ expect: "applied" as const, applications: apps, codes: [] });
const EXCEPTION = (codes: string[]) => ({ expect: "exception" as const, applications: [], codes });

function payer(c: Ctx, cust: GeneratedCustomer): { payerName: string; payerAccount: string | null } {
  return {
    payerName: payerNameFor(c.rng, cust, c.extra),
    payerAccount: c.rng.chance(0.7) ? c.rng.pick(cust.bankAccounts) : null,
  };
}

function base(
  c: Ctx, inv: { entity: string; currency: string }, amount: bigint, p: ReturnType<typeof payer>, remittance: string,
  channel?: string,
): ReceiptInput {
  return {
    id: c.nextId(), entity: inv.entity, currency: inv.currency, amount: formatMoney(amount, inv.currency),
    valueDate: c.date(), channel: channel ?? c.rng.pick(["ach", "ach", "wire", "check", "card"]),
    payerName: p.payerName, payerAccount: p.payerAccount, remittance, bankReference: c.nextBankRef(),
  };
}

function settleAll(c: Ctx, invs: number[]) {
  const apps = invs.map((i) => ({ invoice_id: c.st.invoices[i]!.id, amount: formatMoney(c.st.invoices[i]!.openMinor, c.st.invoices[i]!.currency) }));
  for (const i of invs) c.st.settle(i);
  return apps;
}

const cust = (c: Ctx, inv: GeneratedInvoice) => c.st.customers[inv.customerIdx]!;
const generic = (c: Ctx) => c.rng.pick(c.extra && c.rng.chance(0.2) ? EXTRA_GENERIC : GENERIC_REMITTANCE);
const noisyRef = (c: Ctx, inv: GeneratedInvoice) => wrapRef(c.rng, refSpelling(c.rng, inv, c.extra), c.extra, inv.entity);

/** A customer with 1..20 open invoices (the amount-only scenarios need a bounded, checkable set). */
function customerWithOpen(c: Ctx, min: number): { cu: number; open: number[] } | null {
  for (let t = 0; t < 20; t++) {
    const i = c.st.randomOpen(c.rng);
    if (i === null) return null;
    const cu = c.st.invoices[i]!.customerIdx;
    const open = c.st.openOf(cu);
    if (open.length >= min && open.length <= 20) return { cu, open };
  }
  return null;
}

export const SCENARIOS: Record<Scenario, (c: Ctx) => Made> = {
  exact_ref(c) {
    const i = c.st.randomOpen(c.rng);
    if (i === null) return null;
    const inv = c.st.invoices[i]!;
    const r = base(c, inv, inv.openMinor, payer(c, cust(c, inv)), inv.number);
    return { receipt: r, truth: APPLIED(settleAll(c, [i])) };
  },
  ref_noise(c) {
    const i = c.st.randomOpen(c.rng);
    if (i === null) return null;
    const inv = c.st.invoices[i]!;
    const r = base(c, inv, inv.openMinor, payer(c, cust(c, inv)), noisyRef(c, inv));
    return { receipt: r, truth: APPLIED(settleAll(c, [i])) };
  },
  multi_ref(c) {
    const w = customerWithOpen(c, 2);
    if (!w) return null;
    const k = Math.min(w.open.length, c.rng.int(2, 6));
    const pick = c.rng.shuffle([...w.open]).slice(0, k);
    const invs = pick.map((i) => c.st.invoices[i]!);
    const seps = c.extra ? [...MULTI_SEPARATORS, ...EXTRA_SEPARATORS] : MULTI_SEPARATORS;
    const sep = c.rng.pick(seps);
    const text = invs.map((inv) => (c.rng.chance(0.5) ? inv.number : noisyRef(c, inv))).join(sep);
    const total = invs.reduce((s, inv) => s + inv.openMinor, 0n);
    const r = base(c, invs[0]!, total, payer(c, c.st.customers[w.cu]!), text);
    return { receipt: r, truth: APPLIED(settleAll(c, pick)) };
  },
  typo_ref(c) {
    const i = c.st.randomOpen(c.rng);
    if (i === null) return null;
    const inv = c.st.invoices[i]!;
    const typo = typoNumber(c.rng, inv.number, c.extra && c.rng.chance(0.3));
    if (!typo || !c.st.typoIsClean(typo, inv)) return null;
    const cu = cust(c, inv);
    const r = base(c, inv, inv.openMinor, { payerName: payerNameFor(c.rng, cu, c.extra), payerAccount: c.rng.pick(cu.bankAccounts) }, typo);
    return { receipt: r, truth: APPLIED(settleAll(c, [i])) };
  },
  bank_fee(c) {
    const i = c.st.randomOpen(c.rng);
    if (i === null) return null;
    const inv = c.st.invoices[i]!;
    const cap = inv.openMinor * 50n / 10000n < 2500n ? inv.openMinor * 50n / 10000n : 2500n;
    if (cap < 100n) return null;
    const fee = c.rng.big(100n, cap);
    const r = base(c, inv, inv.openMinor - fee, payer(c, cust(c, inv)), noisyRef(c, inv), "wire");
    return { receipt: r, truth: APPLIED(settleAll(c, [i])) };
  },
  small_overpay(c) {
    const i = c.st.randomOpen(c.rng);
    if (i === null) return null;
    const inv = c.st.invoices[i]!;
    const cap = inv.openMinor * 50n / 10000n < 2500n ? inv.openMinor * 50n / 10000n : 2500n;
    if (cap < 10n) return null;
    const r = base(c, inv, inv.openMinor + c.rng.big(1n, cap), payer(c, cust(c, inv)), noisyRef(c, inv));
    return { receipt: r, truth: APPLIED(settleAll(c, [i])) };
  },
  third_party_payer(c) {
    const i = c.st.randomOpen(c.rng);
    if (i === null) return null;
    const inv = c.st.invoices[i]!;
    const other = c.st.customers.filter((x) => x.entity === inv.entity && x !== cust(c, inv));
    if (!other.length) return null;
    const o = c.rng.pick(other);
    const r = base(c, inv, inv.openMinor, { payerName: payerNameFor(c.rng, o, c.extra), payerAccount: c.rng.pick(o.bankAccounts) }, inv.number);
    return { receipt: r, truth: APPLIED(settleAll(c, [i])) };
  },
  no_ref_amount(c) {
    const w = customerWithOpen(c, 1);
    if (!w) return null;
    const i = c.rng.pick(w.open);
    const inv = c.st.invoices[i]!;
    if (c.st.countExactSets(w.open, inv.openMinor) !== 1) return null;
    const r = base(c, inv, inv.openMinor, payer(c, c.st.customers[w.cu]!), generic(c));
    return { receipt: r, truth: APPLIED(settleAll(c, [i])) };
  },
  no_ref_subset(c) {
    const w = customerWithOpen(c, 3);
    if (!w) return null;
    const pick = c.rng.shuffle([...w.open]).slice(0, c.rng.int(2, 3));
    const total = pick.reduce((s, i) => s + c.st.invoices[i]!.openMinor, 0n);
    if (c.st.countExactSets(w.open, total) !== 1) return null;
    const r = base(c, c.st.invoices[pick[0]!]!, total, payer(c, c.st.customers[w.cu]!), generic(c));
    return { receipt: r, truth: APPLIED(settleAll(c, pick)) };
  },
  no_ref_subset_ambiguous(c) {
    const w = customerWithOpen(c, 2);
    if (!w) return null;
    const amounts = w.open.map((i) => c.st.invoices[i]!.openMinor);
    const dup = amounts.find((a, k) => amounts.indexOf(a) !== k);
    if (dup === undefined) return null;
    const r = base(c, c.st.invoices[w.open[0]!]!, dup, payer(c, c.st.customers[w.cu]!), generic(c));
    return { receipt: r, truth: EXCEPTION(["AMBIGUOUS"]) };
  },
  decoy_other_customer(c) {
    const w = customerWithOpen(c, 1);
    if (!w) return null;
    const me = c.st.customers[w.cu]!;
    let other: GeneratedInvoice | null = null;
    for (let t = 0; t < 10 && !other; t++) {
      const j = c.st.randomOpen(c.rng);
      const o = j === null ? null : c.st.invoices[j]!;
      if (o && o.customerIdx !== w.cu && o.entity === me.entity) other = o;
    }
    if (!other) return null;
    if (c.st.countExactSets(w.open, other.openMinor, 5, 1) !== 0) return null;
    const r = base(c, other, other.openMinor, payer(c, me), generic(c));
    return { receipt: r, truth: EXCEPTION(["UNIDENTIFIED", "AMBIGUOUS"]) };
  },
  duplicate(c) {
    if (!c.appliedSoFar.length) return null;
    const src = c.rng.pick(c.appliedSoFar.slice(-200));
    return { receipt: { ...src, id: c.nextId() }, truth: EXCEPTION(["DUPLICATE"]) };
  },
  overpay(c) {
    const i = c.st.randomOpen(c.rng);
    if (i === null) return null;
    const inv = c.st.invoices[i]!;
    const extra = (inv.openMinor * BigInt(c.rng.int(5, 50))) / 100n + 2600n;
    const r = base(c, inv, inv.openMinor + extra, payer(c, cust(c, inv)), c.rng.chance(0.7) ? inv.number : noisyRef(c, inv));
    return { receipt: r, truth: EXCEPTION(["OVERPAYMENT"]) };
  },
  short_pay(c) {
    const i = c.st.randomOpen(c.rng);
    if (i === null) return null;
    const inv = c.st.invoices[i]!;
    const short = (inv.openMinor * BigInt(c.rng.int(5, 50))) / 100n;
    const tol = inv.openMinor * 50n / 10000n < 2500n ? inv.openMinor * 50n / 10000n : 2500n;
    if (short <= tol) return null;
    const r = base(c, inv, inv.openMinor - short, payer(c, cust(c, inv)), c.rng.chance(0.7) ? inv.number : noisyRef(c, inv));
    return { receipt: r, truth: EXCEPTION(["SHORT_PAY"]) };
  },
  paid_invoice_ref(c) {
    if (!c.st.paid.length) return null;
    const inv = c.st.invoices[c.rng.pick(c.st.paid)]!;
    const r = base(c, inv, inv.amountMinor, payer(c, cust(c, inv)), inv.number);
    return { receipt: r, truth: EXCEPTION(["ALREADY_PAID", "DUPLICATE", "OVERPAYMENT", "UNIDENTIFIED"]) };
  },
  unidentified(c) {
    const spec = c.rng.pick(ENTITIES);
    const amount = c.rng.big(10000n, 2000000n);
    const r = base(c, spec, amount, { payerName: c.rng.pick(UNKNOWN_PAYERS), payerAccount: null }, generic(c));
    return { receipt: r, truth: EXCEPTION(["UNIDENTIFIED"]) };
  },
  currency_mismatch(c) {
    const i = c.st.randomOpen(c.rng);
    if (i === null) return null;
    const inv = c.st.invoices[i]!;
    const currency = c.rng.pick(ENTITIES.map((e) => e.currency).filter((x) => x !== inv.currency));
    const r = base(c, { entity: inv.entity, currency }, inv.openMinor, payer(c, cust(c, inv)), inv.number);
    return { receipt: r, truth: EXCEPTION(["CURRENCY_MISMATCH"]) };
  },
  po_ref(c) {
    const i = c.st.randomOpen(c.rng);
    if (i === null) return null;
    const inv = c.st.invoices[i]!;
    if (!inv.poNumber) return null;
    const digits = inv.poNumber.replace(/\D/g, "");
    const text = c.rng.pick([`PO ${digits}`, `P.O. #${digits}`, inv.poNumber, `Purchase order ${digits}`, `Bestellung ${digits}`, `YOUR ORDER NO. ${digits}`]);
    const r = base(c, inv, inv.openMinor, payer(c, cust(c, inv)), text);
    return { receipt: r, truth: APPLIED(settleAll(c, [i])) };
  },
  range_ref(c) {
    const i = c.st.randomOpen(c.rng);
    if (i === null) return null;
    const first = c.st.invoices[i]!;
    const mine = c.st.byCustomer[first.customerIdx]!;
    const idx: number[] = [i];
    for (;;) {
      const prev = c.st.invoices[idx[idx.length - 1]!]!;
      const next = mine.find((k) => c.st.invoices[k]!.year === first.year && c.st.invoices[k]!.seq === prev.seq + 1);
      if (next === undefined || c.st.invoices[next]!.openMinor <= 0n) break;
      idx.push(next);
    }
    if (idx.length < 3) return null;
    const run = idx.map((k) => c.st.invoices[k]!);
    const last = run[run.length - 1]!;
    const lastCore = last.number.match(/\d+/g)!.pop()!;
    const text = c.rng.pick([
      `${first.number} TO ${last.number}`, `${first.number} - ${last.number}`, `${first.number} thru ${lastCore}`,
      `Invoices ${first.number} to ${last.number}`, ...(first.entity === "DE01" ? [`Rechnungen ${first.number} bis ${last.number}`] : []),
    ]);
    const total = run.reduce((s, x) => s + x.openMinor, 0n);
    const r = base(c, first, total, payer(c, cust(c, first)), text);
    return { receipt: r, truth: APPLIED(settleAll(c, idx)) };
  },
};

/** Scenario mix of the public sample (receipts per 2,500). */
export const SAMPLE_MIX: Partial<Record<Scenario, number>> = {
  exact_ref: 746, ref_noise: 399, multi_ref: 230, no_ref_amount: 239, short_pay: 127, unidentified: 132, bank_fee: 122,
  typo_ref: 90, no_ref_subset: 87, overpay: 76, decoy_other_customer: 76, duplicate: 75, third_party_payer: 48,
  paid_invoice_ref: 31, currency_mismatch: 20, no_ref_subset_ambiguous: 2,
};

/** Extra kinds of noise the sample does not show (added on top when `extraNoise`). */
export const EXTRA_MIX: Partial<Record<Scenario, number>> = { po_ref: 50, range_ref: 30, small_overpay: 30 };
