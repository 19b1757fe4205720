// Counts and amounts of figure rows added up per currency, sorted by currency: how every headline figure is shown.
export type CurrencyTotal = { currency: string; count: number; amountMinor: bigint };

export function totalsByCurrency(rows: { currency: string; count: number; amountMinor: bigint }[]): CurrencyTotal[] {
  const by = new Map<string, CurrencyTotal>();
  for (const r of rows) {
    const t = by.get(r.currency) ?? by.set(r.currency, { currency: r.currency, count: 0, amountMinor: 0n }).get(r.currency)!;
    t.count += r.count;
    t.amountMinor += r.amountMinor;
  }
  return [...by.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
