import { describe, expect, it } from "vitest";
import { buildReceiptJournal, isBalanced } from "./build-receipt-journal.ts";

const bank = { bankGlAccount: "1010" };

describe("buildReceiptJournal", () => {
  it("books cash received against receivables", () => {
    const lines = buildReceiptJournal({ ...bank, amountMinor: 10_000n }, [{ kind: "INVOICE", amountMinor: 10_000n, invoiceNumber: "INV-1" }]);
    expect(lines).toEqual([
      { account: "1010", debitMinor: 10_000n, creditMinor: 0n, description: "Cash received" },
      { account: "1200", debitMinor: 0n, creditMinor: 10_000n, description: "Receivable INV-1" },
    ]);
  });
  it("writes off a wire fee as a bank charge, and a small excess as income", () => {
    const fee = buildReceiptJournal({ ...bank, amountMinor: 9_985n }, [{ kind: "INVOICE", amountMinor: 10_000n }, { kind: "WRITE_OFF", amountMinor: 15n, reasonCode: "bank_charge" }]);
    expect(isBalanced(fee)).toBe(true);
    expect(fee.find((l) => l.account === "6810")?.debitMinor).toBe(15n);
    const excess = buildReceiptJournal({ ...bank, amountMinor: 10_010n }, [{ kind: "INVOICE", amountMinor: 10_000n }, { kind: "WRITE_OFF", amountMinor: 10n, reasonCode: "small_overpayment" }]);
    expect(isBalanced(excess)).toBe(true);
    expect(excess.find((l) => l.account === "7900")?.creditMinor).toBe(10n);
  });
  it("credits what is not applied to unapplied cash, and on-account cash likewise", () => {
    const lines = buildReceiptJournal({ ...bank, amountMinor: 50_000n }, [{ kind: "INVOICE", amountMinor: 30_000n }, { kind: "ON_ACCOUNT", amountMinor: 5_000n }, { kind: "DEDUCTION", amountMinor: 2_000n, reasonCode: "freight" }]);
    expect(isBalanced(lines)).toBe(true);
    expect(lines.filter((l) => l.account === "2400").map((l) => l.creditMinor)).toEqual([5_000n, 15_000n]);
  });
  it("refuses applications that exceed the cash", () => {
    expect(() => buildReceiptJournal({ ...bank, amountMinor: 100n }, [{ kind: "INVOICE", amountMinor: 101n }])).toThrow(/exceed the receipt by 1/);
    expect(() => buildReceiptJournal({ ...bank, amountMinor: 100n }, [{ kind: "INVOICE", amountMinor: 0n }])).toThrow(/positive/);
  });
});
