// Pure: the lines that take what was booked (earlier entries) to what should be booked now, netted per account.
import type { JournalLineDraft } from "./build-receipt-journal.ts";

type Line = { account: string; debitMinor: bigint; creditMinor: bigint };

export function journalDelta(booked: Line[], wanted: JournalLineDraft[]): JournalLineDraft[] {
  const net = new Map<string, bigint>();
  const add = (account: string, amount: bigint) => net.set(account, (net.get(account) ?? 0n) + amount);
  for (const l of wanted) add(l.account, l.debitMinor - l.creditMinor);
  for (const l of booked) add(l.account, l.creditMinor - l.debitMinor);
  const out: JournalLineDraft[] = [];
  for (const [account, amount] of net) {
    if (amount === 0n) continue;
    const label = wanted.find((l) => l.account === account)?.description ?? "adjustment";
    out.push({ account, debitMinor: amount > 0n ? amount : 0n, creditMinor: amount < 0n ? -amount : 0n, description: `Revision: ${label}` });
  }
  return out;
}
