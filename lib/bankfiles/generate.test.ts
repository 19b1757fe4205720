// The synthetic generators must round-trip through the parsers (they feed later benchmarks), and a
// 100,000-entry file must stream fast without holding the file.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { bai2Chunks, camt053Chunks, generateBai2, generateCamt053, generateMt940, mt940Chunks } from "./generate.ts";
import { detectFormat, parseStatement, parseStatementStream } from "./index.ts";

describe("synthetic statements", () => {
  it.each([
    ["camt", generateCamt053, "camt.053.001.02"],
    ["bai2", generateBai2, "bai2"],
    ["mt940", generateMt940, "mt940"],
  ] as const)("%s round-trips with balances and controls that add up", (format, generate, name) => {
    const text = generate({ entries: 25, seed: 42 });
    expect(generate({ entries: 25, seed: 42 })).toBe(text); // deterministic
    expect(generate({ entries: 25, seed: 43 })).not.toBe(text);
    expect(detectFormat(text)).toBe(format);
    const r = parseStatement(text);
    expect(r.format).toBe(name);
    const [s] = r.statements;
    expect(s.entries).toHaveLength(25);
    expect(s.checks.balance).toBe("ok");
    expect(s.checks.control_totals).toBe(format === "bai2" ? "ok" : "not_applicable");
    expect(s.entries[0].amount).toMatch(/^-?\d+\.\d\d$/);
    expect(new Set(s.entries.map((e) => e.bank_reference)).size).toBe(25);
  });

  it.each([
    ["camt", camt053Chunks],
    ["bai2", bai2Chunks],
    ["mt940", mt940Chunks],
  ] as const)("streams 100,000 %s entries that add up to the closing balance", async (_format, chunks) => {
    // Correctness only: parse speed is measured by `npm run bench:ingest`, never asserted by a timed test.
    const text = [...chunks({ entries: 100_000, seed: 7 })];
    let entries = 0;
    let balance = "";
    for await (const event of parseStatementStream(Readable.from(text))) {
      if (event.type === "entry") entries++;
      if (event.type === "statement_end") balance = event.statement.checks.balance;
    }
    expect(entries).toBe(100_000);
    expect(balance).toBe("ok");
  });
});
