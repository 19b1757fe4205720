// Progress of a file being ingested, written on the pool (not the file's transaction), so the UI sees it while
// the transaction is still open. Throttled; writes are chained so an older figure never lands after a newer
// one, and `settle()` waits for the last before the transaction writes the final figures.
import { db } from "../db/client.ts";
import { logger } from "../log/logger.ts";

export type Progress = { entriesParsed: number; entriesStored: number; bytesParsed: number };

export class ProgressWriter {
  private readonly current: Progress = { entriesParsed: 0, entriesStored: 0, bytesParsed: 0 };
  private chain: Promise<void> = Promise.resolve();
  private lastWrite = 0;
  private stopped = false;

  constructor(private readonly documentId: string, private readonly everyMs = 250) {}

  get snapshot(): Progress {
    return { ...this.current };
  }

  report(update: Partial<Progress>): void {
    Object.assign(this.current, update);
    const now = Date.now();
    if (this.stopped || now - this.lastWrite < this.everyMs) return;
    this.lastWrite = now;
    const data = { ...this.current };
    this.chain = this.chain.then(async () => {
      if (this.stopped) return;
      // Only while PROCESSING: a late write must never overwrite the final state.
      await db.sourceDocument.updateMany({ where: { id: this.documentId, status: "PROCESSING" }, data }).catch((err: unknown) => {
        logger.warn("bank_file.progress_write_failed", { documentId: this.documentId, error: err instanceof Error ? err.message : String(err) });
      });
    });
  }

  /** Stops further writes and waits for the one in flight. */
  async settle(): Promise<void> {
    this.stopped = true;
    await this.chain;
  }
}
