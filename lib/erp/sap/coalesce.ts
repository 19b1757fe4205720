// Gathers calls made within a moment into one batch: the first call opens a window of `waitMs`; the batch goes when
// the window closes or it holds `maxBatch` calls. Why: a posting batch of 50 receipts makes the same kinds of SAP
// calls side by side (look up by receipt number, read an invoice's open items, post, clear), and SAP's bulk shapes
// (an OData filter over several keys, several JournalEntryCreateRequest or JournalEntryClearingRequest in one
// message) carry them in one request — under SAP's rate limit that is the difference between ~7 requests per
// receipt and ~7 per fifty. Each call keeps its own outcome: `flush` answers per key, an Error answer rejects only
// that call, and a thrown error (network, 5xx, timeout) rejects every call of the batch, each of which retries on
// its own as before.
type Waiting<K, R> = { key: K; resolve: (r: R) => void; reject: (e: unknown) => void };

export type CoalesceOptions = {
  maxBatch: number;
  /** How long the first call of a batch waits for company (default 5 ms). */
  waitMs?: number;
  /**
   * At most this many batches in flight (default unlimited). A batch that is due while they are all out keeps taking
   * calls until one returns, so batches grow by themselves when requests queue (behind the ERP's rate limit).
   */
  maxInFlight?: number;
};

export function coalesce<K, R>(flush: (keys: K[]) => Promise<(R | Error)[]>, options: CoalesceOptions): (key: K) => Promise<R> {
  const maxInFlight = options.maxInFlight ?? Infinity;
  let open: Waiting<K, R>[] | null = null;
  let due = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const ready: Waiting<K, R>[][] = [];
  let inFlight = 0;

  const send = (batch: Waiting<K, R>[]) => {
    inFlight++;
    flush(batch.map((w) => w.key)).then(
      (answers) => batch.forEach((w, i) => {
        const a = answers[i];
        if (a === undefined) w.reject(new Error("coalesced call got no answer (flush returned too few results)"));
        else if (a instanceof Error) w.reject(a);
        else w.resolve(a);
      }),
      (err) => batch.forEach((w) => w.reject(err)),
    ).finally(() => {
      inFlight--;
      pump();
    });
  };

  function pump() {
    while (inFlight < maxInFlight) {
      if (ready.length) send(ready.shift()!);
      else if (open && due) {
        const batch = open;
        open = null;
        due = false;
        send(batch);
      } else break;
    }
  }

  return (key) => new Promise<R>((resolve, reject) => {
    if (!open) {
      open = [];
      due = false;
      timer = setTimeout(() => { timer = null; due = true; pump(); }, options.waitMs ?? 5);
    }
    open.push({ key, resolve, reject });
    if (open.length >= options.maxBatch) {
      ready.push(open);
      open = null;
      if (timer) clearTimeout(timer);
      timer = null;
      pump();
    }
  });
}

/** One coalescer per group (e.g. per company code): only calls of the same group share a request. */
export function coalesceBy<K, R>(group: (key: K) => string, make: () => (key: K) => Promise<R>): (key: K) => Promise<R> {
  const groups = new Map<string, (key: K) => Promise<R>>();
  return (key) => {
    const g = group(key);
    let c = groups.get(g);
    if (!c) groups.set(g, (c = make()));
    return c(key);
  };
}
