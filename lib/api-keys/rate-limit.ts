// Per-key rate limit for machine clients: a sliding-window counter kept in PostgreSQL, so every web process
// shares one count per key (an in-memory bucket per process would multiply the limit by the number of
// processes). Each minute has a counter; the rate is the current minute's count plus the previous minute's,
// weighted by how much of it still lies inside the last 60 seconds. One upsert per request; only admitted
// requests count, so a client that backs off for Retry-After seconds gets through again.
import { db } from "../db/client.ts";

const WINDOW_MS = 60_000;

export function defaultRateLimit(): number {
  const n = Number(process.env.API_KEY_RATE_LIMIT ?? 600);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 600;
}

export type RateDecision = { allowed: boolean; limit: number; retryAfterSeconds: number };

/** Pure: the sliding-window estimate and, when over the limit, how long to wait. */
export function decide(previous: number, current: number, limit: number, elapsedFraction: number): RateDecision {
  const estimate = previous * (1 - elapsedFraction) + current;
  if (estimate <= limit) return { allowed: true, limit, retryAfterSeconds: 0 };
  // When the previous minute's share alone decays enough within this minute, wait for that; else for the next minute.
  const excess = estimate - limit;
  const wait = previous > 0 && excess <= previous * (1 - elapsedFraction) ? (excess / previous) * 60 : (1 - elapsedFraction) * 60 + 1;
  return { allowed: false, limit, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
}

export async function admitRequest(keyId: string, limit: number, now = new Date()): Promise<RateDecision> {
  const start = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const previousStart = new Date(start.getTime() - WINDOW_MS);
  const [row] = await db.$queryRaw<{ current: number; previous: number }[]>`
    WITH cur AS (
      INSERT INTO "ApiKeyRateWindow" ("keyId", "windowStart", "count") VALUES (${keyId}, ${start}, 1)
      ON CONFLICT ("keyId", "windowStart") DO UPDATE SET "count" = "ApiKeyRateWindow"."count" + 1
      RETURNING "count"
    )
    SELECT (SELECT "count" FROM cur)::int AS current,
           COALESCE((SELECT "count" FROM "ApiKeyRateWindow" WHERE "keyId" = ${keyId} AND "windowStart" = ${previousStart}), 0)::int AS previous`;
  const current = Number(row!.current);
  const decision = decide(Number(row!.previous), current, limit, (now.getTime() - start.getTime()) / WINDOW_MS);
  if (!decision.allowed) {
    await db.$executeRaw`UPDATE "ApiKeyRateWindow" SET "count" = "count" - 1 WHERE "keyId" = ${keyId} AND "windowStart" = ${start}`;
  } else if (current === 1) {
    // First request of a new minute: drop this key's counters that no longer matter.
    await db.$executeRaw`DELETE FROM "ApiKeyRateWindow" WHERE "keyId" = ${keyId} AND "windowStart" < ${previousStart}`;
  }
  return decision;
}
