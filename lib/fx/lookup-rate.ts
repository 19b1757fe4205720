// The look-up rule, pure (rates come in as plain data, so the engine and tests use it without a database):
//   the value date's rate, else the last one published before it — never a later one.
// Candidates for a pair from→to on a date: the pair's own rate, its inverse, and the cross through EUR (each leg
// on or before the date; the cross is as old as its older leg). The most recent wins; on the same day the pair's own
// rate beats its inverse, which beats the cross. Inverse and cross rates are rounded half-even to 10 decimals
// (rate-math.ts) and that decimal is the rate used: stored with every conversion, it reproduces the amount.
import { convertMinor, crossThrough, formatDecimal, invert, parseRate, type Decimal } from "./rate-math.ts";

export type RateRow = { day: string; base: string; quote: string; rate: string; source?: string };

export type PairRate = {
  from: string;
  to: string;
  /** 1 from = rate to, as a decimal string. */
  rate: string;
  /** The day of the rate used (the older leg for a cross rate); never after the date asked for. */
  day: string;
  how: "identity" | "direct" | "inverse" | "cross-EUR";
};

export class RateTable {
  private readonly byPair = new Map<string, { day: string; rate: string }[]>();

  constructor(rows: Iterable<RateRow>) {
    for (const r of rows) {
      const key = `${r.base}/${r.quote}`;
      const list = this.byPair.get(key) ?? [];
      list.push({ day: r.day, rate: r.rate });
      this.byPair.set(key, list);
    }
    for (const list of this.byPair.values()) list.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }

  /** The latest row of base/quote on or before `day` (binary search), or null. */
  latest(base: string, quote: string, day: string): { day: string; rate: string } | null {
    const list = this.byPair.get(`${base}/${quote}`);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.day <= day) (found = mid), (lo = mid + 1);
      else hi = mid - 1;
    }
    return found < 0 ? null : list[found]!;
  }

  /** The rate to convert from→to on `day` under the rule above, or null when none is known on or before it. */
  find(from: string, to: string, day: string): PairRate | null {
    if (from === to) return { from, to, rate: "1", day, how: "identity" };
    const candidates: { day: string; rate: Decimal; how: PairRate["how"] }[] = [];
    const direct = this.latest(from, to, day);
    if (direct) candidates.push({ day: direct.day, rate: parseRate(direct.rate), how: "direct" });
    const inverse = this.latest(to, from, day);
    if (inverse) candidates.push({ day: inverse.day, rate: invert(parseRate(inverse.rate)), how: "inverse" });
    if (from !== "EUR" && to !== "EUR") {
      const a = this.latest("EUR", from, day);
      const b = this.latest("EUR", to, day);
      if (a && b) candidates.push({ day: a.day < b.day ? a.day : b.day, rate: crossThrough(parseRate(a.rate), parseRate(b.rate)), how: "cross-EUR" });
    }
    if (!candidates.length) return null;
    // Latest day first; on a tie the order pushed (direct, inverse, cross) decides.
    let best = candidates[0]!;
    for (const c of candidates) if (c.day > best.day) best = c;
    return { from, to, rate: formatDecimal(best.rate), day: best.day, how: best.how };
  }
}

export class MissingRateError extends Error {
  constructor(readonly from: string, readonly to: string, readonly day: string) {
    super(`no ${from}/${to} exchange rate on or before ${day} (import ECB reference rates or enter one by hand)`);
  }
}

export type Conversion = { from: string; to: string; fromMinor: bigint; toMinor: bigint; rate: string; rateDay: string };

/** Converts at the rule's rate; throws MissingRateError when there is none. */
export function convertOn(table: RateTable, minor: bigint, from: string, to: string, day: string): Conversion {
  const r = table.find(from, to, day);
  if (!r) throw new MissingRateError(from, to, day);
  return { from, to, fromMinor: minor, toMinor: convertMinor(minor, from, to, parseRate(r.rate)), rate: r.rate, rateDay: r.day };
}
