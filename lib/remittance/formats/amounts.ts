// Decimal text to minor units and back for the remittance parsers: money stays bigint between reading and writing,
// never a float. Each parser names the place (segment/element, line, XML path) in the error it raises.
import { isKnownCurrency, minorUnits } from "../../money/currencies.ts";
import { MAX_AMOUNT_MINOR } from "../../money/bounds.ts";
import { RemittanceParseError } from "../types.ts";

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** The currency's exponent; an unknown code is refused where it was read. */
export function exponentOf(currency: string, where: string): number {
  if (!isKnownCurrency(currency)) throw new RemittanceParseError(where, `unknown currency "${currency.slice(0, 20)}"`);
  return minorUnits(currency);
}

/**
 * "1270", "-30.5", ".75" → minor units at `exponent`. Digits past the exponent are accepted only when they are zeros
 * (money is never rounded silently); amounts beyond MAX_AMOUNT_MINOR are refused before they grow.
 */
export function readDecimal(text: string, exponent: number, where: string): bigint {
  const t = text.trim();
  const m = DECIMAL.exec(t);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new RemittanceParseError(where, `invalid amount "${t.slice(0, 40)}"`);
  const [, sign, whole, frac = ""] = m;
  if (/[1-9]/.test(frac.slice(exponent))) {
    throw new RemittanceParseError(where, `amount "${t.slice(0, 40)}" has more than ${exponent} decimals`);
  }
  if (whole!.replace(/^0+/, "").length > 16) throw new RemittanceParseError(where, `amount "${t.slice(0, 40)}" is out of range`);
  const minor = BigInt((whole || "0") + frac.slice(0, exponent).padEnd(exponent, "0"));
  if (minor > MAX_AMOUNT_MINOR) throw new RemittanceParseError(where, `amount "${t.slice(0, 40)}" is out of range`);
  return sign === "-" ? -minor : minor;
}

/** Minor units as a decimal string: (-3000n, 2) → "-30.00". */
export function formatMinor(minor: bigint, exponent: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, "0");
  const whole = exponent ? digits.slice(0, -exponent) : digits;
  return `${negative ? "-" : ""}${whole}${exponent ? `.${digits.slice(-exponent)}` : ""}`;
}

/** Re-writes a decimal in the currency's exponent ("255" USD → "255.00"). */
export function normaliseAmount(text: string, exponent: number, where: string): string {
  return formatMinor(readDecimal(text, exponent, where), exponent);
}

/** YYYYMMDD, YYMMDD (years 00-69 → 20xx) or YYYY-MM-DD → ISO date; a date that does not exist is refused. */
export function isoDate(text: string, where: string, order: "ymd" | "mdy" = "ymd"): string {
  const t = text.trim();
  let y: number, mo: number, d: number;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(t)) && order === "ymd") [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
  else if ((m = /^(\d{2})(\d{2})(\d{2})$/.exec(t))) {
    const [a, b, c] = [+m[1]!, +m[2]!, +m[3]!];
    const yy = order === "ymd" ? a : c;
    [y, mo, d] = [yy < 70 ? 2000 + yy : 1900 + yy, order === "ymd" ? b : a, order === "ymd" ? c : b];
  } else throw new RemittanceParseError(where, `invalid date "${t.slice(0, 20)}"`);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    throw new RemittanceParseError(where, `invalid date "${t.slice(0, 20)}"`);
  }
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
