// Writes rates into the store: one row per day and pair; the same day and pair again replaces the rate (a corrected
// publication). One statement for a whole file, inside the caller's transaction (all or nothing).
import type { Prisma } from "../db/generated/client.ts";
import { textArray } from "../db/pg-array.ts";
import { newId } from "../db/new-id.ts";
import type { RateRow } from "./lookup-rate.ts";

export async function storeRates(tx: Prisma.TransactionClient, rows: RateRow[], source: string, createdById: string | null = null): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    written += await tx.$executeRawUnsafe(
      `insert into "FxRate" (id, day, base, quote, rate, source, "createdById", "importedAt")
       select v.id, v.day::date, v.base, v.quote, v.rate, $6, $7, now() at time zone 'UTC'
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as v(id, day, base, quote, rate)
       on conflict (base, quote, day) do update set rate = excluded.rate, source = excluded.source,
         "createdById" = excluded."createdById", "importedAt" = excluded."importedAt"`,
      textArray(chunk.map(() => newId())), textArray(chunk.map((r) => r.day)), textArray(chunk.map((r) => r.base)),
      textArray(chunk.map((r) => r.quote)), textArray(chunk.map((r) => r.rate)), source, createdById,
    );
  }
  return written;
}
