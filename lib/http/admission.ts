// Admission control for senders that retry (webhooks): when the database pool's queue is already long, answer
// 503 with Retry-After at once, before any work (not even the signature check), instead of letting the request
// join the queue, wait up to 10 s and fail with a 500 after all (bench:pipeline at 100 webhooks/s on 2 cores: ~51,000
// such 500s, each redelivered). Stripe and the other senders deliver a refused event again later; nothing is lost,
// nothing is stored.
import { problem } from "./problem.ts";
import { poolPressure, type PoolPressure } from "../db/pool-pressure.ts";

/** Waiting callers per pooled connection from which new work is refused (WEBHOOK_SHED_QUEUE_FACTOR, default 2; 0: never). */
const FACTOR = Number(process.env.WEBHOOK_SHED_QUEUE_FACTOR ?? 2);

/** Pure: null to admit, else seconds the sender should wait (longer the longer the queue, 1–30 s). */
export function shedDecision(p: PoolPressure, factor = FACTOR): number | null {
  if (!(factor > 0)) return null;
  const limit = Math.max(1, Math.round(p.max * factor));
  if (p.waiting < limit) return null;
  return Math.min(30, Math.max(1, Math.ceil(p.waiting / Math.max(1, p.max))));
}

export function admitOrShed(what: string): void {
  const pressure = poolPressure();
  const retryAfter = shedDecision(pressure);
  if (retryAfter === null) return;
  throw problem(503, `${what}: the server is at capacity (${pressure.waiting} requests wait for the database); retry after ${retryAfter} s`, { retryAfterSeconds: retryAfter });
}
