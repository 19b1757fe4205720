// Pure: the cash position (lib/dashboards/get-cash-position.ts, per account in its own currency) consolidated into the
// group's reporting currency: per account, per entity and in total — closing balance, payouts in transit, projected
// end of day, and expected receipts (invoices due within 7 days) — each converted at today's rate under the look-up
// rule (today's or the last before it). The rates used are listed; a currency without a rate is listed as missing
// and left out of the totals (never converted at a guess). The per-currency view stays as it is.
import { toMinor, fromMinor } from "../money/money.ts";
import { convertMinor, parseRate } from "./rate-math.ts";
import type { RateTable } from "./lookup-rate.ts";
import type { CashPosition } from "../dashboards/get-cash-position.ts";

type Figures = { closing: bigint; inTransit: bigint; projected: bigint; expected: bigint };
const zero = (): Figures => ({ closing: 0n, inTransit: 0n, projected: 0n, expected: 0n });
const add = (a: Figures, b: Figures) => { a.closing += b.closing; a.inTransit += b.inTransit; a.projected += b.projected; a.expected += b.expected; };

export type ConsolidatedCash = {
  reportingCurrency: string; rateDate: string;
  rates: { currency: string; rate: string; day: string; how: string }[];
  missingRates: string[];
  accounts: { id: string; entity: string; name: string; currency: string; closing: string; inTransit: string; projected: string }[];
  entities: { entity: string; closing: string; inTransit: string; projected: string; expected: string }[];
  total: { closing: string; inTransit: string; projected: string; expected: string };
};

export function consolidateCashPosition(pos: CashPosition, reporting: string, rates: RateTable): ConsolidatedCash {
  const day = pos.today;
  const used = new Map<string, { rate: string; day: string; how: string } | null>();
  const rateOf = (c: string) => {
    if (!used.has(c)) used.set(c, rates.find(c, reporting, day));
    return used.get(c)!;
  };
  const conv = (amount: string | null, c: string): bigint | null => {
    const r = rateOf(c);
    return r ? convertMinor(toMinor(amount ?? "0", c), c, reporting, parseRate(r.rate)) : null;
  };
  const entities = new Map<string, Figures>();
  const entityOf = (e: string) => entities.get(e) ?? (entities.set(e, zero()), entities.get(e)!);
  const accounts: ConsolidatedCash["accounts"] = [];
  for (const a of pos.accounts) {
    const closing = conv(a.closingBalance, a.currency);
    if (closing === null) continue;
    const f = { closing, inTransit: conv(a.inTransit, a.currency)!, projected: conv(a.projected ?? a.closingBalance, a.currency)!, expected: 0n };
    add(entityOf(a.entity), f);
    accounts.push({ id: a.id, entity: a.entity, name: a.name, currency: a.currency, closing: fromMinor(f.closing, reporting), inTransit: fromMinor(f.inTransit, reporting), projected: fromMinor(f.projected, reporting) });
  }
  for (const d of pos.invoicesDue) {
    const expected = conv(d.dueWeek, d.currency);
    if (expected !== null) entityOf(d.entity).expected += expected;
  }
  const total = zero();
  for (const f of entities.values()) add(total, f);
  const out = (f: Figures) => ({ closing: fromMinor(f.closing, reporting), inTransit: fromMinor(f.inTransit, reporting), projected: fromMinor(f.projected, reporting), expected: fromMinor(f.expected, reporting) });
  return {
    reportingCurrency: reporting, rateDate: day,
    rates: [...used].filter(([c, r]) => r && c !== reporting).map(([currency, r]) => ({ currency, rate: r!.rate, day: r!.day, how: r!.how })).sort((a, b) => a.currency.localeCompare(b.currency)),
    missingRates: [...used].filter(([, r]) => !r).map(([c]) => c).sort(),
    accounts,
    entities: [...entities].sort(([a], [b]) => a.localeCompare(b)).map(([entity, f]) => ({ entity, ...out(f) })),
    total: out(total),
  };
}
