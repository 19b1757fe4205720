import { describe, expect, it } from "vitest";
import { parseCsv, CsvSyntaxError } from "./csv.ts";
import { formatMoney, parseMoney, MoneyParseError } from "./money.ts";
import { accountKey, nameKeys } from "./normalise.ts";
import { extractReferenceChains } from "./extract-references.ts";
import { numberKeys, digitVariants } from "./invoice-keys.ts";
import { checkTolerance, DEFAULT_POLICY } from "./policy.ts";
import { findFittingSets } from "./subset-sum.ts";
import { DigitTable } from "./digit-table.ts";
import { parsePolicySet } from "./policy-schema.ts";
import { policyFor } from "./policy.ts";

describe("csv (RFC 4180)", () => {
  it("parses quotes, escaped quotes, embedded commas and line breaks, CRLF, BOM", () => {
    const text = '\ufeffa,b,c\r\n1,"x, y","he said ""hi"""\r\n2,"multi\nline",\r\n\r\n3,,z';
    const rows = parseCsv(text);
    expect(rows.map((r) => r.fields)).toEqual([
      ["a", "b", "c"], ["1", "x, y", 'he said "hi"'], ["2", "multi\nline", ""], ["3", "", "z"],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });

  it("reports unterminated quotes and stray characters with the line number", () => {
    expect(() => parseCsv('a,b\n1,"oops\n2,3')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a,b\n1,"x"y\n');
    } catch (e) {
      expect((e as CsvSyntaxError).line).toBe(2);
    }
  });
});

describe("money", () => {
  it("parses and formats by ISO 4217 exponent", () => {
    expect(parseMoney("1234.50", "USD")).toBe(123450n);
    expect(parseMoney("1234.5", "EUR")).toBe(123450n);
    expect(parseMoney("150000", "JPY")).toBe(150000n);
    expect(parseMoney("1.234", "KWD")).toBe(1234n);
    expect(parseMoney("-0.01", "USD")).toBe(-1n);
    expect(formatMoney(123450n, "USD")).toBe("1234.50");
    expect(formatMoney(5n, "BHD")).toBe("0.005");
    expect(formatMoney(-7n, "GBP")).toBe("-0.07");
    expect(formatMoney(150000n, "JPY")).toBe("150000");
  });

  it("rejects non-decimals and excess precision", () => {
    for (const bad of ["1,234.50", "12.345", "abc", "", "1e3", "$5"]) expect(() => parseMoney(bad, "USD")).toThrow(MoneyParseError);
    expect(() => parseMoney("1.5", "JPY")).toThrow(MoneyParseError);
    expect(parseMoney("100.00", "JPY")).toBe(100n);
  });
});

describe("tolerance", () => {
  it("is min(25.00, 0.5% of the open total), compared exactly", () => {
    expect(checkTolerance(DEFAULT_POLICY, 99500n, 100000n, "USD").writeOff).toEqual({ amount: 500n, reason: "bank_charge" });
    expect(checkTolerance(DEFAULT_POLICY, 99499n, 100000n, "USD").fits).toBe(false);
    expect(checkTolerance(DEFAULT_POLICY, 10002500n, 10000000n, "USD").writeOff).toEqual({ amount: 2500n, reason: "small_overpayment" });
    expect(checkTolerance(DEFAULT_POLICY, 10002501n, 10000000n, "USD").fits).toBe(false);
  });
});

describe("names and accounts", () => {
  it("normalises legal forms, case, punctuation, accents and transliteration", () => {
    const k = (s: string) => nameKeys(s);
    expect(k("Acme Widgets, Inc.").full).toBe(k("ACME WIDGETS INCORPORATED").full);
    expect(k("Acme Widgets Inc").base).toBe("ACMEWIDGETS");
    expect(k("Müller Maschinenbau GmbH & Co. KG").full).toBe(k("MUELLER MASCHINENBAU GMBH CO KG").full);
    expect(k("Müller Maschinenbau GmbH").base).toBe(k("MULLER MASCHINENBAU").base);
    expect(k("Société Générale S.A.").base).toBe(k("SOCIETE GENERALE SA").base);
    expect(k("Foo L.L.C.").full).toBe(k("FOO LLC").full);
    expect(k("Acme International Services Ltd").full).toBe(k("ACME INTL SVCS LIMITED").full);
    expect(accountKey("DE89 3704 0044 0532 0130 00")).toBe("DE89370400440532013000");
    expect(accountKey("0012-345")).toBe("12345");
  });
});

describe("references", () => {
  it("splits remittance text into reference chains and drops dates and amounts", () => {
    const runs = (t: string) => extractReferenceChains(t).map((c) => c.runs.join("|"));
    expect(runs("/INV/INV 2026 003409/ INV-2026-000499 REF:2026005594")).toEqual(["2026|003409", "2026|000499", "2026005594"]);
    expect(runs("UK-101661; UK-101570, RE2026/00102")).toEqual(["101661", "101570", "2026|00102"]);
    expect(runs("PAID 2026-10-01 USD 1,234.56 INV 103")).toEqual(["103"]);
    expect(extractReferenceChains("PO 57760")[0]!.poHint).toBe(true);
    expect(extractReferenceChains("Bestellung Nr. 57760")[0]!.poHint).toBe(true);
    expect(extractReferenceChains("INV-2026-000103 TO INV-2026-000105")[1]!.rangeHint).toBe("explicit");
    expect(extractReferenceChains("Rechnungen RE2026/00102 bis 00105")[1]!.rangeHint).toBe("explicit");
    expect(extractReferenceChains("THANK YOU")).toEqual([]);
  });

  it("derives number keys and the typo neighbourhood", () => {
    expect(numberKeys("INV-2026-000103")).toEqual({ digits: "2026000103", year: "2026", core: "103", letters: "INV" });
    expect(numberKeys("RE2026/00102")).toEqual({ digits: "202600102", year: "2026", core: "102", letters: "RE" });
    expect(numberKeys("UK-102318")).toEqual({ digits: "102318", year: null, core: "102318", letters: "UK" });
    expect(digitVariants("123", false).sort()).toEqual(["132", "213"]);
    expect(digitVariants("12", true)).toHaveLength(1 + 18);
  });
});

describe("subset sum", () => {
  it("finds every fitting set and honours the node budget", () => {
    const items = [{ idx: 1, open: 500n }, { idx: 2, open: 300n }, { idx: 3, open: 200n }, { idx: 4, open: 700n }];
    const exact = (t: bigint) => t === 1000n;
    const r = findFittingSets(items, 1000n, { maxSetSize: 4, maxNodes: 1000, maxFits: 5, maxTolerance: 0n, fits: exact });
    expect(r.fits.map((f) => [...f.items].sort().join(",")).sort()).toEqual(["1,2,3", "2,4"]);
    const two = findFittingSets(items, 1000n, { maxSetSize: 4, maxNodes: 1000, maxFits: 1, maxTolerance: 0n, fits: exact });
    expect(two.fits).toHaveLength(1);
    const bounded = findFittingSets(items, 1000n, { maxSetSize: 4, maxNodes: 2, maxFits: 5, maxTolerance: 0n, fits: exact });
    expect(bounded.exhausted).toBe(true);
  });
});

describe("digit table", () => {
  it("maps digit strings (leading zeros ignored) to ids, several per key, long keys too", () => {
    const t = new DigitTable(4);
    for (let i = 0; i < 5000; i++) t.add(String(2026000000 + i), i);
    t.add("002026000007", 9999);
    t.add("1234567890123456789", 1);
    expect(t.get("2026000007")).toEqual([7, 9999]);
    expect(t.get("2026004999")).toEqual([4999]);
    expect(t.get("2026005000")).toEqual([]);
    expect(t.get("01234567890123456789")).toEqual([1]);
    expect(t.get("12a")).toEqual([]);
  });
});

describe("policy configuration", () => {
  it("merges per-entity overrides and rejects malformed settings", () => {
    const r = parsePolicySet({ default: { ruleVersion: "v9" }, byEntity: { DE01: { tolerance: { maxAbsolute: "10.00" } } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(policyFor(r.policies, "US01").tolerance.maxAbsolute).toBe("25.00");
    expect(policyFor(r.policies, "US01").ruleVersion).toBe("v9");
    expect(policyFor(r.policies, "DE01").tolerance.maxAbsolute).toBe("10.00");
    expect(policyFor(r.policies, "DE01").tolerance.maxBasisPoints).toBe(50);
    expect(parsePolicySet({ default: { autoPostConfidence: 2 } }).ok).toBe(false);
    expect(parsePolicySet({ default: { strategies: { telepathy: true } } }).ok).toBe(false);
  });
});
