// Which receipt does each remittance advice describe? Pure: advices and receipts in, links out.
//   1. by reference: the advice's payment_reference (X12 TRN02 trace number, camt end-to-end id, the CSV's
//      reference) equals the receipt's bank reference or end-to-end id, or is a word of its remittance text;
//   2. else by payer + amount + date: the advice's payer (id, name) and the receipt's payer are the same customer,
//      the amounts are equal and the value date is within the window around the advice's payment date.
// One advice ↔ at most one receipt: a reference or payer match that fits two receipts (or a receipt two advices
// claim) links nothing. An advice whose payment is not there yet stays unlinked (`waiting`); one that links to a
// receipt already decided comes back with `redecide` (the product decides that receipt again with the advice).
import { accountKey } from "../cashapp/normalise.ts";
import { identifyPayer } from "../cashapp/identify-customer.ts";
import { parseMoney } from "../cashapp/money.ts";
import type { MatchIndex } from "../cashapp/index.ts";
import type { ReceiptInput } from "../cashapp/types.ts";
import type { RemittanceAdvice } from "./types.ts";

export type LinkRule = "bank_reference" | "end_to_end_id" | "remittance_text" | "payer_amount_date";

export interface LinkableReceipt extends ReceiptInput {
  endToEndId?: string | null;
  /** Already decided (applied or in an exception): a late advice links with `redecide`. */
  decided?: boolean;
}

export interface AdviceLink {
  /** Position of the advice in the input. */
  advice: number;
  paymentReference: string;
  receiptId: string;
  rule: LinkRule;
  confidence: number;
  redecide: boolean;
  /** Human-readable, for the payment's timeline and the decision's reasons. */
  reason: string;
}

export interface LinkResult {
  links: AdviceLink[];
  /** Positions of the advices not linked: waiting for their payment (or for a person, see `notes`). */
  waiting: number[];
  /** Why some advices were not linked although receipts fit (several fit). */
  notes: { advice: number; note: string }[];
}

/** Who the payer is, as customer ids (the engine's payer identification, or the product's). */
export interface PayerResolver {
  receiptCustomers(r: LinkableReceipt): readonly string[];
  adviceCustomers(a: RemittanceAdvice, entity: string): readonly string[];
}

export interface LinkOptions {
  payers?: PayerResolver;
  /** Receipt value date may be this many days before / after the advice's payment date. Default 3 / 10. */
  windowDays?: { before: number; after: number };
  /** Receipts already linked to an advice (not linked again). */
  linkedReceipts?: ReadonlySet<string>;
}

const CONFIDENCE: Record<LinkRule, number> = { bank_reference: 0.99, end_to_end_id: 0.99, remittance_text: 0.97, payer_amount_date: 0.95 };
const DAY = 86_400_000;

/** Reference key: letters and digits only, upper case, leading zeros dropped. */
export function refKey(s: string | null | undefined): string {
  if (!s) return "";
  return s.toUpperCase().replace(/[^A-Z0-9]/g, "").replace(/^0+/, "");
}

export function linkAdvices(advices: readonly RemittanceAdvice[], receipts: readonly LinkableReceipt[], options: LinkOptions = {}): LinkResult {
  const free = receipts.filter((r) => !options.linkedReceipts?.has(r.id));
  const byRef = new Map<string, { r: LinkableReceipt; rule: LinkRule }[]>();
  const add = (key: string, r: LinkableReceipt, rule: LinkRule) => {
    if (key.length < 4) return;
    const list = byRef.get(key);
    if (!list) byRef.set(key, [{ r, rule }]);
    else if (list[list.length - 1]!.r !== r) list.push({ r, rule }); // (receipts are added one after another)
  };
  for (const r of free) {
    add(refKey(r.bankReference), r, "bank_reference");
    add(refKey(r.endToEndId), r, "end_to_end_id");
  }
  for (const r of free) {
    if (!r.remittance) continue;
    // Words, and runs of up to three words (a reference written "GLX-778899" or "0001 2345 67").
    const words = r.remittance.split(/[^A-Za-z0-9]+/).filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      let run = "";
      for (let j = i; j < Math.min(words.length, i + 3); j++) {
        run += words[j]!;
        const k = refKey(run);
        if (k.length >= 6 && /\d/.test(k)) add(k, r, "remittance_text"); // ("INVOICES" is no reference)
      }
    }
  }

  // 1. By reference (a bank reference / end-to-end id beats the same reference seen in another receipt's text).
  const wanted = new Map<number, { r: LinkableReceipt; rule: LinkRule }>();
  const notes: LinkResult["notes"] = [];
  advices.forEach((a, k) => {
    let hits = byRef.get(refKey(a.payment_reference)) ?? [];
    if (hits.length > 1) hits = hits.filter((h) => h.rule !== "remittance_text");
    if (hits.length === 1) wanted.set(k, hits[0]!);
    else if (hits.length > 1) notes.push({ advice: k, note: `payment reference ${a.payment_reference} fits ${hits.length} receipts` });
  });
  const copies = new Set<number>();
  const links = unique(wanted, advices, notes, copies, (k, h) => `payment reference ${advices[k]!.payment_reference} = ${h.rule.replace(/_/g, " ")} of ${h.r.id}`);

  // 2. By payer + amount + date, among what is left.
  if (options.payers) {
    const taken = new Set(links.map((l) => l.receiptId));
    const byAmount = new Map<string, LinkableReceipt[]>();
    for (const r of free) {
      if (taken.has(r.id)) continue;
      const key = `${r.currency}|${minor(r.amount, r.currency)}`;
      const list = byAmount.get(key);
      if (list) list.push(r);
      else byAmount.set(key, [r]);
    }
    const { before, after } = options.windowDays ?? { before: 3, after: 10 };
    const linked = new Set(links.map((l) => l.advice));
    const byPayer = new Map<number, { r: LinkableReceipt; rule: LinkRule }>();
    advices.forEach((a, k) => {
      if (linked.has(k) || copies.has(k)) return; // (a copy of a linked advice links nowhere else)
      const cur = a.currency.toUpperCase();
      const amount = minor(a.payment_amount, cur);
      if (amount === null) return;
      const day = a.payment_date ? Date.parse(a.payment_date) : NaN;
      const fits = (byAmount.get(`${cur}|${amount}`) ?? []).filter((r) => {
        if (!Number.isNaN(day)) {
          const d = (Date.parse(r.valueDate) - day) / DAY;
          if (d < -before || d > after) return false;
        }
        const payer = new Set(options.payers!.receiptCustomers(r));
        return payer.size > 0 && options.payers!.adviceCustomers(a, r.entity).some((c) => payer.has(c));
      });
      if (fits.length === 1) byPayer.set(k, { r: fits[0]!, rule: "payer_amount_date" });
      else if (fits.length > 1) notes.push({ advice: k, note: `payer, amount and date fit ${fits.length} receipts` });
    });
    links.push(...unique(byPayer, advices, notes, copies, (k, h) => `payer, amount ${advices[k]!.payment_amount} and date of ${h.r.id}`));
  }
  const linkedAdvices = new Set(links.map((l) => l.advice));
  return { links, waiting: advices.map((_, k) => k).filter((k) => !linkedAdvices.has(k)), notes };
}

/** Keep the pairs whose receipt no other advice wants. */
function unique(
  wanted: Map<number, { r: LinkableReceipt; rule: LinkRule }>, advices: readonly RemittanceAdvice[], notes: LinkResult["notes"],
  copies: Set<number>, reason: (k: number, h: { r: LinkableReceipt; rule: LinkRule }) => string,
): AdviceLink[] {
  const claims = new Map<string, number[]>();
  for (const [k, h] of wanted) claims.set(h.r.id, [...(claims.get(h.r.id) ?? []), k]);
  const out: AdviceLink[] = [];
  for (const [k, h] of wanted) {
    const by = claims.get(h.r.id)!;
    if (by.length > 1) {
      // The same advice received twice (an 820 and its spreadsheet, a re-send): the first one links.
      const same = by.every((j) => adviceSignature(advices[j]!) === adviceSignature(advices[by[0]!]!));
      if (same && k !== by[0]) copies.add(k);
      if (!same || k !== by[0]) {
        notes.push({ advice: k, note: same ? `same advice as ${advices[by[0]!]!.payment_reference} received before (duplicate)` : `receipt ${h.r.id} is claimed by ${by.length} advices` });
        continue;
      }
    }
    out.push({
      advice: k, paymentReference: advices[k]!.payment_reference, receiptId: h.r.id, rule: h.rule,
      confidence: CONFIDENCE[h.rule], redecide: h.r.decided === true, reason: reason(k, h),
    });
  }
  return out;
}

/**
 * What makes two advices the same: reference, currency, total and per document what is paid, discounted and
 * adjusted (a spreadsheet may spread one document over several rows, an 820 over one RMR and its ADX segments).
 */
function adviceSignature(a: RemittanceAdvice): string {
  const cur = a.currency.toUpperCase();
  const amt = (x: string | null) => (x ? minor(x, cur) ?? 0n : 0n);
  const docs = new Map<string, { paid: bigint; discount: bigint; adj: string[] }>();
  for (const l of a.lines) {
    const k = l.document.toUpperCase().replace(/[^A-Z0-9]/g, "");
    const d = docs.get(k) ?? { paid: 0n, discount: 0n, adj: [] };
    d.paid += amt(l.paid);
    d.discount += amt(l.discount);
    for (const x of l.adjustments) d.adj.push(`${amt(x.amount)}${x.reason}`);
    docs.set(k, d);
  }
  const parts = [...docs].map(([k, d]) => `${k}=${d.paid}/${d.discount}/${d.adj.sort().join("+")}`).sort();
  return [refKey(a.payment_reference), cur, amt(a.payment_amount), ...parts].join("|");
}

function minor(amount: string, currency: string): bigint | null {
  try {
    return parseMoney(amount, currency);
  } catch {
    return null; // not an amount, or an unknown currency: nothing to compare
  }
}

/** Payer identification with the engine's index: names, aliases, accounts and learned identities; ids as customer ids. */
export function payerResolver(index: MatchIndex): PayerResolver {
  const ids = (cs: readonly number[]) => cs.map((c) => index.customers[c]!.id);
  return {
    receiptCustomers: (r) => ids(identifyPayer(index, r).customers),
    adviceCustomers: (a, entity) => {
      const out: number[] = [];
      if (a.payer_id) {
        const c = index.customerById.get(a.payer_id.trim());
        if (c !== undefined) out.push(c);
        out.push(...index.customersBy(index.byAccount, accountKey(a.payer_id)));
      }
      if (a.payer_name) out.push(...identifyPayer(index, { entity, payerName: a.payer_name }).customers);
      return ids([...new Set(out)].filter((c) => index.customers[c]!.entity === entity));
    },
  };
}
