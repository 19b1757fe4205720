// How real payers write what they pay: the invoice number exact, lower-cased, without separators, behind a word,
// with a digit typo, two invoices in one line, or nothing useful at all; names upper-cased and cut to 35 chars.
import type { Rng } from "../demo/prng.ts";

export function noisyRemittance(rng: Rng, numbers: string[]): string {
  const n = numbers[0]!;
  const roll = rng.next();
  if (numbers.length > 1) return `${rng.pick(["Invoices", "INV", "Payment"])} ${numbers.join(rng.pick([", ", " + ", " "]))}`;
  if (roll < 0.4) return n;
  if (roll < 0.55) return `${rng.pick(["Invoice", "Inv.", "Rechnung", "Payment for", "RE:"])} ${n}`;
  if (roll < 0.65) return n.toLowerCase();
  if (roll < 0.73) return n.replace(/[-/ ]/g, "");
  if (roll < 0.8) return `${rng.pick(["Ref", "Our ref PO-", "Pmt"])}${rng.int(1000, 9999)} ${n}`;
  if (roll < 0.87) {
    const digits = [...n];
    const i = digits.findLastIndex((c, k) => /\d/.test(c) && /\d/.test(digits[k - 1] ?? ""));
    if (i > 0) [digits[i - 1], digits[i]] = [digits[i]!, digits[i - 1]!];
    return digits.join("");
  }
  if (roll < 0.94) return `${rng.pick(["Payment", "Monthly payment", "Settlement"])} ${n.replace(/^\D+/, "")}`;
  return rng.pick(["Payment", "Thank you", "Remittance advice by e-mail", ""]);
}

export function noisyPayerName(rng: Rng, name: string): string {
  const roll = rng.next();
  if (roll < 0.5) return name;
  if (roll < 0.75) return name.toUpperCase().slice(0, 35);
  if (roll < 0.9) return name.replace(/\b(Inc|Ltd|GmbH|LLC|Co)\.?$/i, "").trim();
  return `${name.split(" ")[0]} ${rng.pick(["Holdings", "Group", "Payments"])}`;
}
