// Cross-currency application (issue 17), off unless the entity's policy turns it on (`crossCurrency.enabled`, and
// optionally only for some customers): a receipt whose remittance names open invoices of its entity in ANOTHER
// currency — otherwise CURRENCY_MISMATCH — is converted at its value date's rate (rates come in as plain data:
// lib/fx/lookup-rate.ts, the value date's rate or the last one before it, never a later one) and applied when the
// converted amount meets the invoices' open total within a tolerance set in the entity's FUNCTIONAL currency.
// The whole receipt is spent on the invoices (shares pro rata, half-even; the last invoice takes the remainder) and
// the invoices are cleared in full: the difference is realised FX, booked by the journal, never a write-off.
// Pure: no database, no clock. Decision.fx carries the rate, its day and the amounts in the invoice currency.
import { extractReferenceChains } from "./extract-references.ts";
import { resolveChains } from "./resolve-references.ts";
import { formatMoney, parseMoney } from "./money.ts";
import { convertMinor, divHalfEven, parseRate } from "../fx/rate-math.ts";
import type { RateTable } from "../fx/lookup-rate.ts";
import type { MatchIndex } from "./index.ts";
import type { MatchPolicy } from "./policy.ts";
import type { Decision, ReceiptInput } from "./types.ts";

export interface CrossCurrencyPolicy {
  /** Off by default: the match contract's CURRENCY_MISMATCH stands. */
  enabled: boolean;
  /** Only these customers (ids); empty or absent = every customer of the entity. */
  customers?: string[];
  /** Largest difference, in major units of the entity's functional currency ("25.00"). */
  maxAbsolute: string;
  /** Largest difference as basis points of the open total. */
  maxBasisPoints: number;
}

export const DEFAULT_CROSS_CURRENCY: CrossCurrencyPolicy = { enabled: false, maxAbsolute: "25.00", maxBasisPoints: 50 };

/** What the engine needs for conversions, as plain data. */
export interface FxInput {
  /** Functional currency per entity code. */
  functionalCurrency: Record<string, string>;
  rates: RateTable;
}

export interface FxDecision {
  receipt_currency: string;
  invoice_currency: string;
  functional_currency: string;
  /** 1 receipt currency = rate invoice currency. */
  rate: string;
  rate_date: string;
  /** The receipt amount in the invoice currency at that rate. */
  converted_amount: string;
  /** converted − open total, in the invoice currency and in the functional currency (same day's rate). */
  difference: string;
  difference_functional: string;
  /** By how much each invoice's open amount goes down, in the invoice currency. */
  invoice_applications: { invoice_id: string; amount: string }[];
}

/** The applied decision, or the mismatch decision with the reason it stays one; null when this is not our case. */
export function decideCrossCurrency(index: MatchIndex, receipt: ReceiptInput, policy: MatchPolicy, fx: FxInput, mismatch: Decision): Decision | null {
  const cc = policy.crossCurrency;
  if (!cc?.enabled || !receipt.remittance) return null;
  const keep = (why: string): Decision => ({ ...mismatch, reasons: [...mismatch.reasons, `cross-currency: ${why}`] });
  const mentions = resolveChains(index, extractReferenceChains(receipt.remittance), { partialReference: policy.strategies.partialReference, poNumber: policy.strategies.poNumber });
  const picked = new Set<number>();
  for (const m of mentions) {
    const groups = m.groups.filter((g) => g.every((i) => {
      const inv = index.invoices[i]!;
      return inv.entity === receipt.entity && inv.currency !== receipt.currency && inv.open > 0n;
    }));
    if (groups.length === 1) for (const i of groups[0]!) picked.add(i);
  }
  const invoices = [...picked].map((i) => index.invoices[i]!);
  if (!invoices.length) return null;
  const currencies = new Set(invoices.map((i) => i.currency));
  if (currencies.size > 1) return keep(`referenced invoices are in ${[...currencies].join(" and ")}`);
  const allowed = cc.customers?.length ? new Set(cc.customers) : null;
  if (allowed && invoices.some((inv) => !allowed.has(index.customers[inv.customer]!.id))) return keep("policy does not allow it for this customer");
  const invCur = invoices[0]!.currency;
  const functional = fx.functionalCurrency[receipt.entity];
  if (!functional) return keep(`no functional currency known for ${receipt.entity}`);
  const rate = fx.rates.find(receipt.currency, invCur, receipt.valueDate);
  if (!rate) return keep(`no ${receipt.currency}/${invCur} rate on or before ${receipt.valueDate}`);
  const toFunctional = fx.rates.find(invCur, functional, receipt.valueDate);
  if (!toFunctional) return keep(`no ${invCur}/${functional} rate on or before ${receipt.valueDate}`);

  const amount = parseMoney(receipt.amount, receipt.currency);
  const converted = convertMinor(amount, receipt.currency, invCur, parseRate(rate.rate));
  const open = invoices.reduce((s, i) => s + i.open, 0n);
  const diff = converted - open;
  const diffF = convertMinor(diff, invCur, functional, parseRate(toFunctional.rate));
  const absF = diffF < 0n ? -diffF : diffF;
  const absD = diff < 0n ? -diff : diff;
  const shown = `${formatMoney(amount, receipt.currency)} ${receipt.currency} = ${formatMoney(converted, invCur)} ${invCur} at ${rate.rate} (${rate.day})`;
  if (absF > parseMoney(cc.maxAbsolute, functional) || absD * 10000n > open * BigInt(cc.maxBasisPoints)) {
    return keep(`${shown} differs from open ${formatMoney(open, invCur)} ${invCur} by ${formatMoney(diffF, functional)} ${functional}, beyond tolerance`);
  }
  if (policy.autoPostConfidence > 0.95) return keep(`confidence 0.95 below auto-post threshold ${policy.autoPostConfidence}`);
  // The receipt's money per invoice, pro rata to the open amounts; the last takes the remainder (sum is exact).
  const applications: Decision["applications"] = [];
  let spent = 0n;
  invoices.forEach((inv, k) => {
    const share = k === invoices.length - 1 ? amount - spent : divHalfEven(amount * inv.open, open);
    spent += share;
    applications.push({ invoice_id: inv.id, amount: formatMoney(share, receipt.currency) });
  });
  const fxDecision: FxDecision = {
    receipt_currency: receipt.currency, invoice_currency: invCur, functional_currency: functional, rate: rate.rate, rate_date: rate.day,
    converted_amount: formatMoney(converted, invCur), difference: formatMoney(diff, invCur), difference_functional: formatMoney(diffF, functional),
    invoice_applications: invoices.map((inv) => ({ invoice_id: inv.id, amount: formatMoney(inv.open, invCur) })),
  };
  const reasons = [
    ...mismatch.reasons,
    `cross-currency: ${shown}, open ${formatMoney(open, invCur)} ${invCur}${diff === 0n ? "" : `; difference ${formatMoney(diffF, functional)} ${functional} is realised FX`}`,
  ];
  return { ...mismatch, outcome: "applied", applications, exception_code: null, write_off: null, confidence: 0.95, reasons, fx: fxDecision };
}
