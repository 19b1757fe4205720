// Amounts on the wire: NetSuite's JSON carries currency fields as numbers; Cashline sends decimal strings. Both are
// read here straight into minor units of the transaction currency (never through float arithmetic).
import { fromMinor, isCurrency, toMinor } from "../../money/money.ts";
import { invalidValue } from "./errors.ts";

export function readAmount(value: unknown, currency: string, path: string, { positive = true } = {}): bigint {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : typeof value === "string" ? value : null;
  if (text === null || !/^-?\d+(\.\d+)?$/.test(text)) throw invalidValue(path, `You have entered an Invalid Field Value ${JSON.stringify(value)} for the following field: ${path}`);
  let minor: bigint;
  try {
    minor = toMinor(text, currency);
  } catch (e) {
    throw invalidValue(path, `Invalid amount ${text} for ${currency} in field ${path}: ${(e as Error).message}`);
  }
  if (positive && minor <= 0n) throw invalidValue(path, `The amount in field ${path} must be greater than zero.`);
  return minor;
}

export function readCurrency(value: unknown, path = "currency"): string {
  if (typeof value !== "string" || !isCurrency(value)) throw invalidValue(path, `You have entered an Invalid Field Value ${JSON.stringify(value)} for the following field: ${path}`);
  return value;
}

/** A stored decimal string as NetSuite prints it in JSON: a number. */
export const asNumber = (amount: string) => Number(amount);
export const minor = (amount: string, currency: string) => toMinor(amount, currency);
export const decimal = (m: bigint, currency: string) => fromMinor(m, currency);
