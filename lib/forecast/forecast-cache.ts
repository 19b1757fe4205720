// A forecast takes a few hundred milliseconds (the backtest eight times that): keep each result for a minute per
// process, and let concurrent callers share one computation.
const TTL_MS = 60_000;
const cache = new Map<string, { at: number; value: Promise<unknown> }>();

export function cached<T>(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.value as Promise<T>;
  const value = compute();
  cache.set(key, { at: now, value });
  value.catch(() => cache.delete(key));
  return value;
}
