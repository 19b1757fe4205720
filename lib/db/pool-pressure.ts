// How many callers of this process wait for a connection of the main pool (lib/db/client.ts). Read by the
// webhook's admission control (lib/http/admission.ts): a queue that long means the database cannot keep up, and
// a caller that joins it would wait up to maxWait (10 s) only to be answered 500.
export type PoolPressure = { waiting: number; max: number };
type Watched = { waitingCount: number; options: { max?: number } };

// On globalThis, like the client itself: Next bundles route handlers separately, so this module can exist more
// than once in the web process while the pool (created once, by whichever route came first) is one.
const shared = globalThis as unknown as { cashlinePool?: Watched };

/** Set once by getDb() when it creates the pool. */
export function watchPool(p: Watched): void {
  shared.cashlinePool = p;
}

export function poolPressure(): PoolPressure {
  const pool = shared.cashlinePool;
  return { waiting: pool?.waitingCount ?? 0, max: pool?.options.max ?? 10 };
}
