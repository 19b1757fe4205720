// Stripe's amounts are integers in Stripe's own "smallest unit" of each currency, which is NOT always the ISO 4217
// minor unit Cashline books in (lib/money/currencies.ts). Stripe's documented rules (docs.stripe.com/currencies):
//   - zero-decimal currencies: the amount is whole units (JPY 500 = ¥500). MGA is one, although ISO gives it 2
//     decimals: Stripe MGA 1000 = ISO minor 100000.
//   - special cases ISK and UGX: zero-decimal in ISO, but Stripe keeps a two-decimal representation whose decimals are
//     always 00 (ISK 5 is sent as 500): divide by 100, and an amount not divisible by 100 is not representable.
//   - three-decimal currencies BHD, JOD, KWD, OMR, TND: the amount is in thousandths (ISO's minor unit) and must be a
//     multiple of 10.
//   - HUF and TWD: two-decimal for charges, but payouts are whole units sent ×100 (amount divisible by 100).
//   - every other currency Stripe supports is two-decimal.
// A currency whose Stripe rule is not known here (an ISO code with 0, 3 or 4 decimals that Stripe does not list, or
// a code that is not ISO at all) is refused with a clear error: never guessed.
import { minorUnits, UnknownCurrencyError } from "../money/currencies.ts";
import { assertAmountInBounds } from "../money/bounds.ts";

export const STRIPE_ZERO_DECIMAL = new Set(["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "VND", "VUV", "XAF", "XOF", "XPF"]);
/** Zero-decimal, represented by Stripe as two-decimal with 00 decimals. */
export const STRIPE_TWO_DECIMAL_WHOLE = new Set(["ISK", "UGX"]);
export const STRIPE_THREE_DECIMAL = new Set(["BHD", "JOD", "KWD", "OMR", "TND"]);
/** Payouts in these are whole units (amount divisible by 100), charges are not. */
export const STRIPE_WHOLE_UNIT_PAYOUTS = new Set(["HUF", "TWD"]);

export class StripeAmountError extends Error {}

/** Stripe's exponent for a currency and the divisor its amounts must respect. */
export function stripeCurrencyRule(currency: string, kind: "charge" | "payout" = "charge"): { exponent: number; multipleOf: number } {
  let iso: number;
  try {
    iso = minorUnits(currency);
  } catch (e) {
    if (e instanceof UnknownCurrencyError) throw new StripeAmountError(`currency "${currency}" is not an active ISO 4217 currency: amount refused`);
    throw e;
  }
  if (STRIPE_ZERO_DECIMAL.has(currency)) return { exponent: 0, multipleOf: 1 };
  if (STRIPE_TWO_DECIMAL_WHOLE.has(currency)) return { exponent: 2, multipleOf: 100 };
  if (STRIPE_THREE_DECIMAL.has(currency)) return { exponent: 3, multipleOf: 10 };
  if (STRIPE_WHOLE_UNIT_PAYOUTS.has(currency) && kind === "payout") return { exponent: 2, multipleOf: 100 };
  if (iso === 2) return { exponent: 2, multipleOf: 1 };
  throw new StripeAmountError(`Stripe's amount format for ${currency} (ISO ${iso} decimals) is not known: amount refused rather than guessed`);
}

/**
 * A Stripe amount as ISO 4217 minor units, exactly: e.g. (500, "ISK") → 5, (1000, "MGA") → 100000, (1000, "USD") →
 * 1000. Throws StripeAmountError for an amount that is not an integer, not representable (ISK 550), not a multiple
 * Stripe requires (KWD 1005), or past the bound (MAX_AMOUNT_MINOR); `field` names the amount in the message.
 */
export function stripeAmountToMinor(amount: number, currency: string, field: string, kind: "charge" | "payout" = "charge"): bigint {
  // Past 2^53 the JSON number is no longer exact, but it is also far past the bound, which refuses it below.
  if (!Number.isInteger(amount)) throw new StripeAmountError(`${field}: ${amount} is not an integer amount`);
  const rule = stripeCurrencyRule(currency, kind);
  const value = BigInt(amount);
  if (value % BigInt(rule.multipleOf) !== 0n) {
    throw new StripeAmountError(`${field}: ${amount} is not a valid Stripe amount in ${currency} (must be a multiple of ${rule.multipleOf})`);
  }
  const shift = minorUnits(currency) - rule.exponent;
  const minor = shift >= 0 ? value * 10n ** BigInt(shift) : value / 10n ** BigInt(-shift);
  try {
    return assertAmountInBounds(minor, currency, field);
  } catch (e) {
    throw new StripeAmountError((e as Error).message);
  }
}
