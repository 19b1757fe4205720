// What a bank statement line is, from its transaction code: the payment channel (ACH, wire, check, SEPA) and
// whether it is an ordinary movement, a return/reversal of an earlier payment, or a NACHA notification of change.
// Each format codes this differently: BAI2 type codes, ISO 20022 bank transaction codes (Domain/Family/SubFamily)
// or a bank's proprietary code in camt, SWIFT transaction type codes in MT940 (:61: "NTRF", "NRTI", "S103"),
// and the SEC code — or the R/C reason code of a return/change — in NACHA.
import type { StatementFormatName } from "../bankfiles/index.ts";

export type Channel = "ACH" | "WIRE" | "CHECK" | "SEPA" | "OTHER";
export type LineKind = "payment" | "return" | "notice";
export type Classified = { channel: Channel; kind: LineKind; reasonCode: string | null };

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

// BAI2 (BAI Cash Management Balance Reporting Specifications, Appendix A).
const BAI2_ACH = new Set(["142", "143", "145", "155", "156", "164", "165", "166", "168", "169", "257", "258",
  "445", "447", "451", "452", "455", "462", "464", "466", "468", "469", "557", "558"]);
const BAI2_WIRE = new Set(["191", "195", "196", "198", "206", "208", "216", "491", "493", "495", "496", "506", "508", "516"]);
const BAI2_CHECK = new Set(["115", "116", "118", ...range(171, 176), "184", "187", "189", "255", "301", "395",
  "474", "475", "484", "487", "555"]);
/** Debits that take back an earlier credit: credit reversal, deposited item / ACH item returned, ACH reversal. */
const BAI2_RETURN_DEBITS = new Set(["552", "555", "557", "558", "566"]);
/** Credits that bring back an earlier debit of ours: debit reversal, check / ACH item returned to us. */
const BAI2_RETURN_CREDITS = new Set(["252", "255", "257", "258", "266"]);

// ISO 20022 sub-family codes that reverse an earlier payment, and proprietary codes banks use for returns.
const ISO_RETURNS = new Set(["RRTN", "RPCR", "ARET", "AREV", "UPDD", "PRDD", "URCQ", "UPCQ", "CQRV"]);
const PROPRIETARY_RETURNS = new Set(["RTR", "RCR", "RR", "RTI", "RET", "RTN", "RETURN", "REVERSAL"]);
const ISO_SEPA = new Set(["ESCT", "ESDD", "BBDD", "SEPA", "SCT", "SDD"]);
const ISO_CHECK_FAMILIES = new Set(["RCHQ", "ICHQ", "LBOX", "CHEQ"]);
const ISO_CHECK_SUBS = new Set(["CCHQ", "URCQ", "UPCQ", "CQRV", "BCHQ", "CDIS", "CRCQ", "ORCQ"]);
const ISO_WIRE_FAMILIES = new Set(["RCDT", "ICDT", "RRCT", "IRCT"]);

// ISO 20022 / SEPA / NACHA return reason codes that banks also put in the remittance text.
const REASON_IN_TEXT = /\b(AC0[1-9]|AC1[0-4]|AG0[1-3]|AM0[1-9]|AM[1-2]\d|BE0[1-8]|CNOR|DNOR|DUPL|FF0[1-5]|FOCR|FRAD|MD0[1-7]|MS0[23]|RC0[1-9]|RR0[1-4]|SL0[1-4]|TECH|R\d\d)\b/;

function reasonInText(text: string | null): string | null {
  return REASON_IN_TEXT.exec((text ?? "").toUpperCase())?.[1] ?? null;
}

function bai2(code: string, credit: boolean): Omit<Classified, "reasonCode"> {
  const channel: Channel = BAI2_ACH.has(code) ? "ACH" : BAI2_WIRE.has(code) ? "WIRE" : BAI2_CHECK.has(code) ? "CHECK" : "OTHER";
  const isReturn = credit ? BAI2_RETURN_CREDITS.has(code) : BAI2_RETURN_DEBITS.has(code);
  return { channel, kind: isReturn ? "return" : "payment" };
}

function camt(code: string, currency: string): Omit<Classified, "reasonCode"> {
  const parts = code.toUpperCase().split(/[/+ ]/).filter(Boolean);
  const [, family = "", sub = ""] = parts.length >= 2 ? parts : ["", "", parts[0] ?? ""];
  const isReturn = parts.some((p) => ISO_RETURNS.has(p) || PROPRIETARY_RETURNS.has(p));
  let channel: Channel = "OTHER";
  if (ISO_SEPA.has(sub) || ISO_SEPA.has(family)) channel = "SEPA";
  else if (/^A(TXN|CDT|PAC|COR|SET|RET|REV|CON)$/.test(sub) || family === "ACH") channel = "ACH";
  else if (ISO_CHECK_FAMILIES.has(family) || ISO_CHECK_SUBS.has(sub)) channel = "CHECK";
  else if (ISO_WIRE_FAMILIES.has(family)) channel = currency === "EUR" && sub !== "XBCT" ? "SEPA" : "WIRE";
  return { channel, kind: isReturn ? "return" : "payment" };
}

function mt940(code: string, currency: string): Omit<Classified, "reasonCode"> {
  const c = code.toUpperCase();
  if (/^S\d{3}$/.test(c)) return { channel: "WIRE", kind: "payment" }; // SWIFT message type (S103, S202)
  const type = /^[NFS][A-Z]{3}$/.test(c) ? c.slice(1) : c;
  if (PROPRIETARY_RETURNS.has(type)) return { channel: "OTHER", kind: "return" };
  if (type === "CHK" || type === "LBX" || type === "CLR") return { channel: "CHECK", kind: "payment" };
  if (type === "TRF" || type === "STO") return { channel: currency === "EUR" ? "SEPA" : "WIRE", kind: "payment" };
  if (type === "DDT") return { channel: currency === "EUR" ? "SEPA" : currency === "USD" ? "ACH" : "OTHER", kind: "payment" };
  return { channel: "OTHER", kind: "payment" };
}

export function classifyEntry(
  family: StatementFormatName,
  entry: { type: string | null; remittance: string | null; amountMinor: bigint },
  currency: string,
): Classified {
  const code = (entry.type ?? "").trim();
  if (family === "nacha") {
    // The parser replaces the SEC code with the reason code of a return (R01…) or notification of change (C01…).
    if (/^R\d\d$/.test(code)) return { channel: "ACH", kind: "return", reasonCode: code };
    if (/^C\d\d$/.test(code)) return { channel: "ACH", kind: "notice", reasonCode: code };
    return { channel: "ACH", kind: "payment", reasonCode: null };
  }
  const base = family === "bai2" ? bai2(code, entry.amountMinor > 0n) : family === "camt" ? camt(code, currency) : mt940(code, currency);
  return { ...base, reasonCode: base.kind === "return" ? reasonInText(entry.remittance) : null };
}
