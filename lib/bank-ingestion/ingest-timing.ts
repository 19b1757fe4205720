// Where a file's ingestion spends its time, by statement kind: with CASHLINE_INGEST_TIMING=1 each kind's total
// milliseconds and call count are collected and logged once per file (`bank_file.timing`). Off, it costs a branch.
const enabled = () => process.env.CASHLINE_INGEST_TIMING === "1";

export class IngestTiming {
  private readonly totals = new Map<string, { ms: number; calls: number }>();

  async time<T>(kind: string, fn: () => Promise<T>): Promise<T> {
    if (!enabled()) return fn();
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      const t = this.totals.get(kind) ?? { ms: 0, calls: 0 };
      t.ms += performance.now() - t0;
      t.calls++;
      this.totals.set(kind, t);
    }
  }

  /** `{ kind: "1234 ms / 20" }`, or null when timing is off. */
  summary(): Record<string, string> | null {
    if (!enabled()) return null;
    return Object.fromEntries([...this.totals].map(([k, t]) => [k, `${Math.round(t.ms)} ms / ${t.calls}`]));
  }
}
