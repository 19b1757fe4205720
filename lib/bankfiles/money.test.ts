import { describe, expect, it } from "vitest";
import { AmountError, currencyExponent, formatMinor, parseDecimal, parseMinorUnits } from "./money.ts";

describe("money", () => {
  it("knows ISO 4217 minor units", () => {
    expect([currencyExponent("EUR"), currencyExponent("JPY"), currencyExponent("KWD"), currencyExponent(null)]).toEqual([2, 0, 3, 2]);
  });

  it("parses decimal text with either separator into minor units", () => {
    expect(parseDecimal("380115,12", 2)).toBe(38011512n);
    expect(parseDecimal("380115,1", 2)).toBe(38011510n);
    expect(parseDecimal("380115,", 2)).toBe(38011500n);
    expect(parseDecimal("00,12", 2)).toBe(12n);
    expect(parseDecimal("-8.85", 2)).toBe(-885n);
    expect(parseDecimal("2700", 0)).toBe(2700n);
    expect(parseDecimal("1.234", 3)).toBe(1234n);
    expect(parseDecimal("18.150", 2)).toBe(1815n); // trailing zeros beyond the exponent are fine
  });

  it("never rounds: extra non-zero decimals and garbage are errors", () => {
    expect(() => parseDecimal("1.005", 2)).toThrow(AmountError);
    expect(() => parseDecimal("12a", 2)).toThrow(AmountError);
    expect(() => parseDecimal("", 2)).toThrow(AmountError);
    expect(() => parseMinorUnits("1.5")).toThrow(AmountError);
  });

  it("stays exact beyond float precision", () => {
    const big = parseDecimal("90071992547409.93", 2); // > Number.MAX_SAFE_INTEGER minor units
    expect(formatMinor(big + 1n, 2)).toBe("90071992547409.94");
  });

  it("formats signed minor units", () => {
    expect(formatMinor(-1230n, 2)).toBe("-12.30");
    expect(formatMinor(5n, 2)).toBe("0.05");
    expect(formatMinor(-5n, 3)).toBe("-0.005");
    expect(formatMinor(2700n, 0)).toBe("2700");
    expect(formatMinor(0n, 2)).toBe("0.00");
  });
});
