// How many callers of this process wait for a connection of the main pool (lib/db/client.ts). Read by the
// webhook's admission control (lib/http/admission.ts): a queue that long means the database cannot keep up, and
// a caller that joins it would wait up to maxWait (10 s) only to be answered 500.
export type PoolPressure = { waiting: number; max: number };

let pool: { waitingCount: number; options: { max?: number } } | null = null;

/** Set once by getDb() when it creates the pool. */
export function watchPool(p: { waitingCount: number; options: { max?: number } }): void {
  pool = p;
}

export function poolPressure(): PoolPressure {
  return { waiting: pool?.waitingCount ?? 0, max: pool?.options.max ?? 10 };
}
