// One formatter for the whole UI: money grouped with its currency, one duration style, reason codes by label;
// and a scan that no page or component formats money or durations on its own again.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDuration, formatMoney, reasonLabel, slaText, withReasonLabels } from "./format.ts";

describe("formatters", () => {
  it("shows money grouped, with its currency, never as a bare decimal", () => {
    expect(formatMoney("811074.44", "EUR")).toBe("EUR 811,074.44");
    expect(formatMoney("-1234567.5", "USD")).toBe("USD −1,234,567.5");
    expect(formatMoney("1500", "JPY")).toBe("JPY 1,500");
    expect(formatMoney(null, "EUR")).toBe("—");
  });

  it("has one duration style: 1 d 4 h, 7 h 52 min, 12 min, 30 s", () => {
    expect(formatDuration(28 * 3_600_000)).toBe("1 d 4 h");
    expect(formatDuration((19 * 24 + 23) * 3_600_000)).toBe("19 d 23 h");
    expect(formatDuration(7 * 3_600_000 + 52 * 60_000)).toBe("7 h 52 min");
    expect(formatDuration(12 * 60_000 + 5000)).toBe("12 min");
    expect(formatDuration(30_500)).toBe("30 s");
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(-2 * 3_600_000)).toBe("−2 h");
    expect(slaText("2026-11-27T10:00:00Z", "2026-11-28T12:30:00Z")).toEqual({ text: "overdue 1 d 2 h", overdue: true });
  });

  it("shows reason codes by their labels, also inside server-written resolutions", () => {
    expect(reasonLabel("discount_taken")).toBe("Discount taken");
    expect(reasonLabel("bank_charge")).toBe("Bank charge");
    expect(reasonLabel("something_new")).toBe("Something new");
    expect(withReasonLabels("Written off USD 12.00 (discount): proposed by A")).toBe("Written off USD 12.00 (Early-payment discount): proposed by A");
    expect(withReasonLabels("Deducted (discount_taken) on INV-1 (see note)")).toBe("Deducted (Discount taken) on INV-1 (see note)");
  });
});

describe("no formatting outside components/format.ts", () => {
  const root = path.resolve(import.meta.dirname, "..");
  const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".tsx") ? [path.join(dir, e.name)] : []);
  const sources = [...files(path.join(root, "app")), ...files(path.join(root, "components"))].map((f) => ({ f: path.relative(root, f), s: fs.readFileSync(f, "utf8") }));

  it("renders no amount next to its currency by hand (\"EUR 811074.44\")", () => {
    const bad = sources.flatMap(({ f, s }) => [...s.matchAll(/\{[\w.]*currency\}\s*\{[\w.]*amount\}|\$\{[\w.]*currency\} \$\{(?!formatAmount)[\w.]*\}/gi)].map((m) => `${f}: ${m[0]}`));
    expect(bad).toEqual([]);
  });

  it("defines no duration formatter of its own (\"19d 23h\", \"1h 34m\")", () => {
    const bad = sources.flatMap(({ f, s }) => [...s.matchAll(/`[^`]*\}\s?(?:d|h|m|min)\b[^`]*`/g)].filter((m) => /\$\{[^}]*(?:\/ 24|% 60|\/ 60|ageHours|Hours)[^}]*\}/.test(m[0])).map((m) => `${f}: ${m[0]}`));
    expect(bad).toEqual([]);
  });
});
