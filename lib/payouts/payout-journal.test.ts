import { describe, expect, it } from "vitest";
import { isBalanced, payoutJournalLines, PROCESSOR_CLEARING_ACCOUNT, PROCESSOR_FEES_ACCOUNT } from "./payout-journal.ts";

describe("payout journal", () => {
  it("debits the bank with the net and the fees, credits clearing with the gross", () => {
    const lines = payoutJournalLines({ payoutId: "po_1", bankGlAccount: "1010", netMinor: 97_100n, feeMinor: 2_900n });
    expect(lines.map((l) => [l.account, l.debitMinor, l.creditMinor])).toEqual([
      ["1010", 97_100n, 0n], [PROCESSOR_FEES_ACCOUNT, 2_900n, 0n], [PROCESSOR_CLEARING_ACCOUNT, 0n, 100_000n],
    ]);
    expect(isBalanced(lines)).toBe(true);
  });
  it("reverses every side for a failed payout and stays balanced", () => {
    const lines = payoutJournalLines({ payoutId: "po_1", bankGlAccount: "1010", netMinor: 97_100n, feeMinor: 2_900n, reversal: true });
    expect(lines.map((l) => [l.debitMinor, l.creditMinor])).toEqual([[0n, 97_100n], [0n, 2_900n], [100_000n, 0n]]);
    expect(isBalanced(lines)).toBe(true);
  });
  it("omits a zero fee line and books a fee refund as a credit", () => {
    expect(payoutJournalLines({ payoutId: "p", bankGlAccount: "1", netMinor: 5n, feeMinor: 0n })).toHaveLength(2);
    const refundOfFees = payoutJournalLines({ payoutId: "p", bankGlAccount: "1", netMinor: 100n, feeMinor: -3n });
    expect(refundOfFees[1]).toMatchObject({ debitMinor: 0n, creditMinor: 3n });
    expect(isBalanced(refundOfFees)).toBe(true);
  });
});
