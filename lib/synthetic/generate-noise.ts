// The kinds of real-world noise in bank receipts: payer-name spellings, reference spellings and
// wrappers, typos, several references in one remittance.
import type { Rng } from "./prng.ts";
import { bankStyle, type GeneratedCustomer, type GeneratedInvoice } from "./generate-master.ts";

const TRANSLIT: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", Ä: "AE", Ö: "OE", Ü: "UE", ß: "ss" };
const STRIP: Record<string, string> = { ä: "a", ö: "o", ü: "u", Ä: "A", Ö: "O", Ü: "U", ß: "ss" };
const EXPANDED: Record<string, string> = {
  "Inc.": "INCORPORATED", "Corp.": "CORPORATION", "Co.": "COMPANY", LLC: "L.L.C.", Ltd: "LIMITED",
  "GmbH & Co. KG": "GMBH & CO KG", AG: "AKTIENGESELLSCHAFT",
};

/** How the bank prints the payer: name, alias, upper case, 18-character truncation, legal form spelled out… */
export function payerNameFor(rng: Rng, c: GeneratedCustomer, extra: boolean): string {
  const accented = /[äöüÄÖÜß]/.test(c.name);
  const kind = rng.weighted<string>([
    ["name", 3], ["alias", 5], ["upper", 2], ["trunc", 3],
    ...(extra ? ([["expanded", 1], ["core", 1], ["punct", 1]] as const) : []),
    ...(extra && accented ? ([["translit", 4], ["stripped", 2]] as const) : []),
  ]);
  switch (kind) {
    case "name": return c.name;
    case "alias": return rng.pick(c.aliases);
    case "upper": return c.name.toUpperCase();
    case "trunc": return (rng.chance(0.5) ? c.name.toUpperCase() : rng.pick(c.aliases)).slice(0, 18);
    case "expanded": return `${c.core} ${EXPANDED[c.legalForm] ?? c.legalForm}`.toUpperCase();
    case "core": return c.core.toUpperCase();
    case "punct": return `${c.core.toUpperCase()}, ${c.legalForm.toUpperCase()}`;
    case "translit": return bankStyle(c.name.replace(/[äöüÄÖÜß]/g, (ch) => TRANSLIT[ch]!)).slice(0, rng.chance(0.3) ? 18 : 99);
    case "stripped": return bankStyle(c.name.replace(/[äöüÄÖÜß]/g, (ch) => STRIP[ch]!));
  }
  return c.name;
}

/** Reference spellings of an invoice number: case, separators, digits only, year and zeros dropped. */
export function refSpelling(rng: Rng, inv: GeneratedInvoice, extra: boolean): string {
  const n = inv.number;
  const groups = n.match(/\d+/g)!;
  const letters = n.replace(/[^A-Za-z]/g, "");
  const hasYear = groups.length > 1;
  const core = String(Number(groups[groups.length - 1]));
  const forms: [string, number][] = [
    [n, 4], [n.toLowerCase(), 2], [letters + groups.join(""), 2], [`${letters} ${groups.join(" ")}`, 2], [groups.join(""), 2],
  ];
  if (hasYear) forms.push([`${letters} ${core}`, 1]);
  if (extra) {
    if (hasYear) forms.push([`${letters.toLowerCase()} ${groups[0]} ${core}`, 1], [`${letters}#${groups[0]}-${core}`, 1]);
    forms.push([`${letters}.${groups.join(".")}`, 1]);
  }
  return rng.weighted(forms);
}

export function wrapRef(rng: Rng, ref: string, extra: boolean, entity: string): string {
  const wraps: [string, number][] = [
    ["{}", 8], ["INVOICE {}", 1], ["REF:{}", 1], ["RE {}", 1], ["#{}", 1], ["PAYMENT FOR {} THANK YOU", 1],
    ["/INV/{}/", 1], ["{} PAID IN FULL", 1],
  ];
  if (extra) {
    wraps.push(["Invoice no. {}", 1], ["Inv# {}", 1], ["Payment for invoice {}", 1]);
    if (entity === "DE01") wraps.push(["Rechnung {}", 2], ["Rechnung Nr. {}", 1], ["Zahlung zu Rg. {}", 1]);
  }
  return rng.weighted(wraps).replace("{}", ref);
}

export const MULTI_SEPARATORS = [", ", "; ", " / ", " ", ", "];
export const EXTRA_SEPARATORS = [" and ", " & ", " + ", " und "];

export const GENERIC_REMITTANCE = ["PAYMENT", "PMT", "THANK YOU", "INVOICE PAYMENT", "SUPPLIER PAYMENT", "REMITTANCE",
  "SETTLEMENT", "ACH CREDIT", "WIRE TRANSFER", ""];
export const EXTRA_GENERIC = ["Zahlung", "SEPA-Überweisung", "Payment as agreed", "Monthly settlement"];

export const UNKNOWN_PAYERS = ["CASH DEPOSIT", "TREASURY SWEEP", "MISC CREDIT", "UNKNOWN ORIGINATOR", "REFUND RETURN",
  "INTERNAL TRANSFER", "J SMITH", "A PATEL", "M MUELLER", "K NGUYEN"];

/** One adjacent transposition (or, with `substitute`, one changed digit) inside a digit group of the number. */
export function typoNumber(rng: Rng, number: string, substitute: boolean): string | null {
  const chars = [...number];
  const spots: number[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    if (/\d/.test(chars[i]!) && /\d/.test(chars[i + 1]!) && chars[i] !== chars[i + 1]) spots.push(i);
  }
  if (substitute) {
    const digits = chars.map((c, i) => (/\d/.test(c) ? i : -1)).filter((i) => i >= 0);
    const i = rng.pick(digits);
    let d: string;
    do d = String(rng.int(0, 9));
    while (d === chars[i]);
    chars[i] = d;
    return chars.join("");
  }
  if (!spots.length) return null;
  const i = rng.pick(spots);
  [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
  return chars.join("");
}
