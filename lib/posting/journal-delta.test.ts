import { describe, expect, it } from "vitest";
import { buildReceiptJournal, isBalanced } from "./build-receipt-journal.ts";
import { journalDelta } from "./journal-delta.ts";

describe("journalDelta", () => {
  it("turns an unapply into a reclass from receivables to unapplied cash, never a second cash line", () => {
    const first = buildReceiptJournal({ amountMinor: 10_000n, bankGlAccount: "1010" }, [{ kind: "INVOICE", amountMinor: 10_000n }]);
    const now = buildReceiptJournal({ amountMinor: 10_000n, bankGlAccount: "1010" }, []);
    const delta = journalDelta(first, now);
    expect(isBalanced(delta)).toBe(true);
    expect(delta.map((l) => [l.account, l.debitMinor, l.creditMinor])).toEqual([["2400", 0n, 10_000n], ["1200", 10_000n, 0n]]);
    expect(delta.some((l) => l.account === "1010")).toBe(false);
  });
  it("is empty when nothing changed", () => {
    const lines = buildReceiptJournal({ amountMinor: 500n, bankGlAccount: "1010" }, [{ kind: "INVOICE", amountMinor: 500n }]);
    expect(journalDelta(lines, lines)).toEqual([]);
  });
});
