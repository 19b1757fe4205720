// Which job handlers of this process have run past their job's expiry. pg-boss fails such a handler's jobs at the
// expiry (another worker retries them) but cannot stop the handler, and holds its worker until it returns: that
// worker takes nothing more from the queue. A handler that never returns (the NetSuite token deadlock of
// 2026-12-04) leaves a worker alive and useless, so the worker's /healthz fails while one overruns by more than a
// grace period, and a process manager restarts it (safe: postings are exactly once through a killed worker).
type Running = { queue: string; startedAt: number; expireMs: number };

const running = new Map<number, Running>();
let next = 0;

/** Marks a handler as running; call the returned function when it returns. */
export function watchHandler(queue: string, expireInSeconds: number, now: () => number = Date.now): () => void {
  const id = next++;
  running.set(id, { queue, startedAt: now(), expireMs: expireInSeconds * 1000 });
  return () => void running.delete(id);
}

export type Overrun = { queue: string; runningSeconds: number; expireInSeconds: number };

/** Handlers running longer than their expiry plus `graceMs`, longest first. */
export function overrunningHandlers(graceMs = 60_000, now = Date.now()): Overrun[] {
  return [...running.values()]
    .filter((r) => now - r.startedAt > r.expireMs + graceMs)
    .map((r) => ({ queue: r.queue, runningSeconds: Math.round((now - r.startedAt) / 1000), expireInSeconds: r.expireMs / 1000 }))
    .sort((a, b) => b.runningSeconds - a.runningSeconds);
}

/**
 * Calls `onHung` (once) when a handler has run `graceMs` past its expiry: the worker uses it to leave, so that its
 * supervisor (systemd, the demo's, an orchestrator) starts a fresh one that takes the queue's work again.
 */
export function startHangWatchdog(opts: { graceMs: number; everyMs?: number; onHung: (hung: Overrun[]) => void }): () => void {
  const timer = setInterval(() => {
    const hung = overrunningHandlers(opts.graceMs);
    if (hung.length === 0) return;
    clearInterval(timer);
    opts.onHung(hung);
  }, opts.everyMs ?? 10_000);
  timer.unref();
  return () => clearInterval(timer);
}
