// The accounting of a processor payout, as pure data: the bank receives the net, the processor's fees are an
// expense, and the processor clearing account (where card receipts were booked at gross) is relieved by the
// gross. Balanced by construction: gross = net + fees. A reversal (failed payout) swaps every side.
export const PROCESSOR_CLEARING_ACCOUNT = "1150";
export const PROCESSOR_FEES_ACCOUNT = "6150";

export type JournalLineDraft = { account: string; debitMinor: bigint; creditMinor: bigint; description: string };

function line(account: string, signedMinor: bigint, description: string): JournalLineDraft {
  return signedMinor >= 0n
    ? { account, debitMinor: signedMinor, creditMinor: 0n, description }
    : { account, debitMinor: 0n, creditMinor: -signedMinor, description };
}

export function payoutJournalLines(input: { payoutId: string; bankGlAccount: string; netMinor: bigint; feeMinor: bigint; reversal?: boolean }): JournalLineDraft[] {
  const sign = input.reversal ? -1n : 1n;
  const gross = input.netMinor + input.feeMinor;
  const lines = [
    line(input.bankGlAccount, sign * input.netMinor, `payout ${input.payoutId}: net to bank`),
    ...(input.feeMinor !== 0n ? [line(PROCESSOR_FEES_ACCOUNT, sign * input.feeMinor, `payout ${input.payoutId}: processor fees`)] : []),
    line(PROCESSOR_CLEARING_ACCOUNT, -sign * gross, `payout ${input.payoutId}: card receipts settled (gross)`),
  ];
  return lines;
}

export function isBalanced(lines: { debitMinor: bigint; creditMinor: bigint }[]): boolean {
  return lines.reduce((s, l) => s + l.debitMinor - l.creditMinor, 0n) === 0n;
}
