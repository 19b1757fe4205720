// A remittance advice's lines → the invoices they name and what each line says about them: paid, discount taken,
// deductions with reasons. Documents are read with the engine's own reference reading (extract-references.ts →
// resolve-references.ts), so "INV-2026-000103", "inv 2026 103", "2026000103" and "INV2026000103" name one invoice.
import { extractReferenceChains } from "./extract-references.ts";
import { resolveChains, STRONG_KINDS, type RefKind } from "./resolve-references.ts";
import { parseMoney } from "./money.ts";
import type { DecideContext } from "./outcome.ts";
import type { RemittanceAdvice, RemittanceLine } from "../remittance/types.ts";

export interface AdviceDeduction {
  amount: bigint;
  reason: string;
  code: string | null;
  text: string | null;
}

/** One invoice as the advice names it (lines naming the same invoice merged). */
export interface AdviceItem {
  invoice: number;
  kind: RefKind;
  documents: string[];
  paid: bigint;
  discount: bigint;
  /** Negative adjustments: what the customer kept, with the reason. */
  deductions: AdviceDeduction[];
  /** Positive adjustments (the customer pays more on the invoice): part of `paid`, no deduction. */
  extra: bigint;
}

export type LineProblem =
  | { kind: "unresolved"; document: string }
  | { kind: "ambiguous"; document: string; invoices: number[] }
  | { kind: "outside"; document: string; invoices: number[] };

export interface ReadAdvice {
  items: AdviceItem[];
  problems: LineProblem[];
  /** Σ paid over the lines (minor units). */
  linesTotal: bigint;
  paymentAmount: bigint;
}

/**
 * The advice read against the index, amounts in the receipt's currency (a string names the first unreadable
 * amount). `payer`: the paying customer (idx) when known — its own and its subsidiaries' invoices are preferred.
 */
export function readAdvice(ctx: DecideContext, advice: RemittanceAdvice, payer: number | null): ReadAdvice | string {
  const allowed = (c: number) => payer !== null && ctx.index.isWithin(c, payer);
  const cur = ctx.receipt.currency;
  const money = (s: string | null | undefined, what: string): bigint => {
    try {
      return s ? parseMoney(s, cur) : 0n;
    } catch {
      throw new Error(`${what} "${s}" is not an amount in ${cur}`);
    }
  };
  try {
    const byInvoice = new Map<number, AdviceItem>();
    const problems: LineProblem[] = [];
    let linesTotal = 0n;
    for (const line of advice.lines) {
      const paid = money(line.paid, `paid of ${line.document}`);
      linesTotal += paid;
      const r = resolveDocument(ctx, line, allowed);
      if ("problem" in r) {
        problems.push(r.problem);
        continue;
      }
      let item = byInvoice.get(r.invoice);
      if (!item) byInvoice.set(r.invoice, (item = { invoice: r.invoice, kind: r.kind, documents: [], paid: 0n, discount: 0n, deductions: [], extra: 0n }));
      item.documents.push(line.document);
      item.paid += paid;
      item.discount += money(line.discount, `discount of ${line.document}`);
      for (const a of line.adjustments) {
        const amt = money(a.amount, `adjustment of ${line.document}`);
        if (amt < 0n) item.deductions.push({ amount: -amt, reason: a.reason, code: a.code, text: a.text });
        else item.extra += amt;
      }
    }
    return { items: [...byInvoice.values()], problems, linesTotal, paymentAmount: money(advice.payment_amount, "payment_amount") };
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * The invoice one document names. Readings outside the receipt's entity/currency only count when nothing inside
 * does; several readings are narrowed by the written series letters, the payer's family of accounts and what is
 * still open. Weak readings (year dropped or mistyped) must land on one invoice of the payer's family.
 */
function resolveDocument(
  ctx: DecideContext, line: RemittanceLine, allowed: (customer: number) => boolean,
): { invoice: number; kind: RefKind } | { problem: LineProblem } {
  const { index, receipt } = ctx;
  const doc = line.document.trim();
  const exact = exactNumber(ctx, doc);
  if (exact !== null) return { invoice: exact, kind: "number" };
  // The invoice's own number as printed, whatever its shape ("E2E-REM-MIPQ3K2L-1" has too few digits for the keys).
  const printed = ctx.index.invoicesNumbered(doc).filter((i) => index.invoices[i]!.entity === receipt.entity && index.invoices[i]!.currency === receipt.currency);
  if (printed.length === 1) return { invoice: printed[0]!, kind: "number" };
  const mentions = resolveChains(index, extractReferenceChains(doc), { partialReference: ctx.policy.strategies.partialReference, poNumber: false })
    .filter((m) => m.groups.length);
  if (mentions.length !== 1) return { problem: { kind: "unresolved", document: doc } };
  const m = mentions[0]!;
  const readings: { invoice: number; kind: RefKind }[] = [];
  m.groups.forEach((g, k) => {
    if (g.length === 1) readings.push({ invoice: g[0]!, kind: m.kinds[k]! });
  });
  const inv = (i: number) => index.invoices[i]!;
  let inScope = readings.filter((r) => inv(r.invoice).entity === receipt.entity && inv(r.invoice).currency === receipt.currency);
  if (!inScope.length) {
    return readings.length
      ? { problem: { kind: "outside", document: doc, invoices: readings.map((r) => r.invoice) } }
      : { problem: { kind: "unresolved", document: doc } };
  }
  const narrow = (pred: (r: { invoice: number; kind: RefKind }) => boolean) => {
    const k = inScope.filter(pred);
    if (k.length) inScope = k;
  };
  // A written series ("RE2025/00861") names that series only: INV-2025-000861 is not a reading of it.
  if (m.prefix && index.seriesLetters.has(m.prefix)) {
    const series = readings.filter((r) => inv(r.invoice).letters === m.prefix);
    inScope = inScope.filter((r) => inv(r.invoice).letters === m.prefix);
    if (!inScope.length && series.length) return { problem: { kind: "outside", document: doc, invoices: series.map((r) => r.invoice) } };
    if (!inScope.length) return { problem: { kind: "unresolved", document: doc } };
  }
  if (inScope.length > 1) narrow((r) => STRONG_KINDS.has(r.kind));
  if (inScope.length > 1) narrow((r) => allowed(inv(r.invoice).customer));
  if (inScope.length > 1) narrow((r) => inv(r.invoice).open > 0n);
  if (inScope.length > 1) return { problem: { kind: "ambiguous", document: doc, invoices: inScope.map((r) => r.invoice) } };
  const only = inScope[0]!;
  if (!STRONG_KINDS.has(only.kind) && !allowed(inv(only.invoice).customer)) return { problem: { kind: "unresolved", document: doc } };
  return only;
}

const compact = (s: string) => s.replace(/[^0-9A-Za-z]+/g, "").toUpperCase();

/**
 * Fast path for the commonest line: the document is an invoice number of the receipt's entity and currency as
 * printed, or with its separators dropped ("INV2026000103"), and names one invoice (same reading as the general path).
 */
function exactNumber(ctx: DecideContext, doc: string): number | null {
  const digits = doc.replace(/\D+/g, "");
  if (digits.length < 4 || digits.charCodeAt(0) === 48) return null;
  const hits = ctx.index.lookupDigits(digits);
  if (hits.length !== 1) return null;
  const inv = ctx.index.invoices[hits[0]!]!;
  if (inv.entity !== ctx.receipt.entity || inv.currency !== ctx.receipt.currency) return null;
  // As printed, without separators, or its digits alone (the one invoice with these digits).
  if (inv.number.toUpperCase() !== doc.toUpperCase() && compact(inv.number) !== compact(doc) && !/^\d+$/.test(doc)) return null;
  return inv.idx;
}
