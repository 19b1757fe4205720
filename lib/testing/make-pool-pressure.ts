// Real pressure on this process's database pool for admission-control tests: three callers per pooled connection,
// each holding one for `holdSeconds`, so the queue of waiting callers is past the shedding threshold (2× the pool).
import { expect } from "vitest";
import { getDb } from "../db/client.ts";
import { poolPressure } from "../db/pool-pressure.ts";

/** Resolves once the queue is long; `drained` resolves when every sleeper has had its turn. */
export async function makePoolPressure(holdSeconds = 0.8): Promise<{ drained: Promise<void> }> {
  const db = getDb();
  await db.$queryRaw`select 1`; // the pool exists
  const { max } = poolPressure();
  // (.then: a Prisma query is lazy until something awaits it)
  const sleepers = Array.from({ length: max * 3 }, () => db.$queryRaw`select pg_sleep(${holdSeconds})::text`.then(() => undefined));
  await new Promise((r) => setTimeout(r, 100));
  expect(poolPressure().waiting).toBeGreaterThanOrEqual(max * 2);
  return { drained: Promise.all(sleepers).then(() => undefined) };
}
