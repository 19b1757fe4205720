// Loads the rates a set of conversions needs as plain data (a RateTable): for each pair among `currencies` (and
// EUR, the cross), the last rate on or before `from` plus every rate between `from` and `to`. Enough for any
// look-up on a day in [from, to] under the rule (lookup-rate.ts), however old the latest publication is.
import type { Prisma } from "../db/generated/client.ts";
import { db } from "../db/client.ts";
import { textArray } from "../db/pg-array.ts";
import { RateTable, type RateRow } from "./lookup-rate.ts";

type Client = Prisma.TransactionClient | typeof db;

/** No currencies given: every currency in the store. */
export async function loadRateTable(currencies: Iterable<string>, from: string, to: string, client: Client = db): Promise<RateTable> {
  const given = [...currencies];
  if (!given.length) {
    const all = await client.$queryRawUnsafe<{ c: string }[]>(`select distinct base as c from "FxRate" union select distinct quote from "FxRate"`);
    given.push(...all.map((r) => r.c));
  }
  const codes = [...new Set([...given, "EUR"])];
  const rows = await client.$queryRawUnsafe<RateRow[]>(
    `(select distinct on (base, quote) to_char(day, 'YYYY-MM-DD') as day, base, quote, rate, source from "FxRate"
       where base = any($1::text[]) and quote = any($1::text[]) and day <= $2::date order by base, quote, day desc)
     union all
     (select to_char(day, 'YYYY-MM-DD') as day, base, quote, rate, source from "FxRate"
       where base = any($1::text[]) and quote = any($1::text[]) and day > $2::date and day <= $3::date)`,
    textArray(codes), from, to,
  );
  return new RateTable(rows);
}
