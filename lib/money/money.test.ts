import { describe, expect, it } from "vitest";
import { formatMoney, fromMinor, toMinor } from "./money.ts";

describe("money", () => {
  it("parses decimal strings into minor units exactly", () => {
    expect(toMinor("1234.50", "USD")).toBe(123450n);
    expect(toMinor("0.1", "EUR")).toBe(10n);
    expect(toMinor("-12", "GBP")).toBe(-1200n);
    expect(toMinor("1500", "JPY")).toBe(1500n);
    expect(toMinor("1.234", "BHD")).toBe(1234n);
    expect(toMinor("10000000000000.00", "USD")).toBe(10n ** 15n); // the maximum, exactly
  });
  it("refuses amounts past 10^15 minor units and unknown currencies, instead of guessing", () => {
    expect(() => toMinor("10000000000000.01", "USD")).toThrow(/exceeds the maximum of 1000000000000000 minor units \(10000000000000.00 USD\)/);
    expect(() => toMinor("99999999999999999999999999999", "USD")).toThrow(/maximum|out of range/);
    expect(() => toMinor("-10000000000000.01", "USD")).toThrow(/maximum/);
    expect(() => toMinor("12.00", "ABC")).toThrow(/unknown currency "ABC"/);
  });
  it("rejects floats in disguise and excess precision", () => {
    expect(() => toMinor("1e3", "USD")).toThrow(/not a decimal/);
    expect(() => toMinor("1.005", "USD")).toThrow(/more than 2 decimals/);
    expect(() => toMinor("12,50", "EUR")).toThrow(/not a decimal/);
    expect(toMinor("1.500", "USD")).toBe(150n);
  });
  it("formats minor units back", () => {
    expect(fromMinor(123450n, "USD")).toBe("1234.50");
    expect(fromMinor(-5n, "USD")).toBe("-0.05");
    expect(fromMinor(1500n, "JPY")).toBe("1500");
    expect(fromMinor(1n, "KWD")).toBe("0.001");
    expect(formatMoney(123456789n, "EUR")).toBe("EUR 1,234,567.89");
    expect(formatMoney(-100n, "GBP")).toBe("-GBP 1.00");
  });
});
