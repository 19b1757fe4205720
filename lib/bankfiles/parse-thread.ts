// Bank files come from outside, so their parser runs where a hang or a memory blow-up cannot take the process
// down: in a worker thread with its own heap limit (resourceLimits), terminated when the file's parse time runs
// out. Design: the caller keeps streaming — it sends the text in pieces and gets back, per piece, the events the
// piece produced (a batch). At most PIPELINE pieces are in flight, so the thread parses piece N+1 while the caller
// writes the rows of piece N, and neither side buffers the file. A pre-validation pass would read and parse every
// file twice; this way it is parsed once, off the main thread (whose event loop stays free for the database).
//
// The time limit counts only the time the thread has work outstanding (not the caller's own database time), so a
// big file that is slow to store is not cut off, while a parser stuck in a loop is stopped at the limit. One idle
// thread is kept for the next file (its start-up costs ~0.3 s); a thread that was stopped is never reused.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { StatementParseError } from "./errors.ts";
import type { FormatOption } from "./index.ts";
import { unpackEvents } from "./packed-events.ts";
import type { ThreadReply, ThreadRequest } from "./parse-thread-worker.ts";
import type { StatementEvent } from "./types.ts";

export interface ParseThreadLimits {
  /** Total parse time of one file (ms) before the thread is stopped and the file refused. */
  timeLimitMs: number;
  /** Heap of the parse thread (MB); past it the thread dies and the file is refused. */
  memoryMb: number;
}

export const DEFAULT_PARSE_LIMITS: ParseThreadLimits = { timeLimitMs: 60_000, memoryMb: 256 };

/** The file could not be parsed within the limits: quarantined (ingestion) or exit 2 (CLI) like a parse error. */
export class ParseLimitError extends StatementParseError {}

const PIECE_CHARS = 64 * 1024;
const PIPELINE = 2;

let idle: { worker: Worker; memoryMb: number } | null = null;
let sessions = 0;
/** Workers whose exit already clears the idle slot (one listener per worker, however often it is reused). */
const watched = new WeakSet<Worker>();

/**
 * The thread's entry file, beside this one. A path computed at run time, not `new URL(…, import.meta.url)`: the web
 * bundles this module (through the job registry) and a bundler would try to bundle the thread and tsx with it;
 * only the worker process and the CLI start the thread, from source.
 */
function bootFile(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), ["parse-thread-boot", "mjs"].join("."));
}

function spawn(memoryMb: number): Worker {
  return new Worker(bootFile(), {
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(32, memoryMb / 4), stackSizeMb: 4 },
    stdout: false,
    stderr: false,
  });
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

type Pending = { resolve: (events: StatementEvent[]) => void; reject: (err: Error) => void; timed: boolean };

/** Text in pieces of PIECE_CHARS, never splitting a surrogate pair. */
function* pieces(text: string): Generator<string> {
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + PIECE_CHARS);
    if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end]!)) end++;
    yield text.slice(start, end);
    start = end;
  }
}

/** One file's parse on a worker thread. Always `close()` it (finally), also after an error. */
export class ParseThread {
  private readonly worker: Worker;
  private readonly queue: Pending[] = [];
  private failure: Error | null = null;
  private usedMs = 0;
  private busySince = 0;
  private timer: NodeJS.Timeout | null = null;
  private sentChars = 0;
  private closed = false;
  private readonly session = ++sessions;

  constructor(format: FormatOption, private readonly limits: ParseThreadLimits = DEFAULT_PARSE_LIMITS) {
    const reused = idle && idle.memoryMb === limits.memoryMb ? idle.worker : null;
    if (reused) idle = null;
    this.worker = reused ?? spawn(limits.memoryMb);
    this.worker.ref();
    this.worker.on("message", this.onMessage);
    this.worker.on("error", this.onError);
    this.worker.on("exit", this.onExit);
    // Start-up (loading the parsers) is not parse time: the clock runs from the first piece on.
    void this.request({ kind: "start", format }, false).catch(() => {});
  }

  /** Sends text (split into pieces); resolves with the events it produced. */
  async write(text: string): Promise<StatementEvent[]> {
    const out: StatementEvent[] = [];
    for (const piece of pieces(text)) out.push(...await this.send(piece));
    return out;
  }

  end(): Promise<StatementEvent[]> {
    return this.request({ kind: "end" }, true);
  }

  /**
   * Streams `source` through the thread: yields events in file order, with up to PIPELINE pieces parsed ahead of
   * the consumer.
   */
  async *events(source: AsyncIterable<string>): AsyncGenerator<StatementEvent> {
    const ahead: Promise<StatementEvent[]>[] = [];
    for await (const chunk of source) {
      for (const piece of pieces(chunk)) {
        const p = this.send(piece);
        p.catch(() => {}); // observed below, in order
        ahead.push(p);
        if (ahead.length >= PIPELINE) yield* await ahead.shift()!;
      }
    }
    const end = this.end();
    end.catch(() => {});
    ahead.push(end);
    while (ahead.length) yield* await ahead.shift()!;
  }

  private send(piece: string): Promise<StatementEvent[]> {
    this.sentChars += piece.length;
    return this.request({ kind: "write", text: piece }, true);
  }

  /** Frees the thread: kept idle for the next file when it ended cleanly, else stopped. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopTimer();
    this.worker.off("message", this.onMessage);
    this.worker.off("error", this.onError);
    this.worker.off("exit", this.onExit);
    // A refusal leaves the thread healthy (it reset itself); a stopped or crashed one is never reused.
    const healthy = !this.failure || !(this.failure instanceof ParseLimitError);
    if (healthy && this.queue.length === 0 && !idle) {
      this.worker.unref();
      idle = { worker: this.worker, memoryMb: this.limits.memoryMb };
      if (!watched.has(this.worker)) {
        watched.add(this.worker);
        const worker = this.worker;
        worker.once("exit", () => { if (idle?.worker === worker) idle = null; });
      }
      return;
    }
    await this.worker.terminate();
  }

  private request(msg: DistributiveOmit<ThreadRequest, "session">, timed: boolean): Promise<StatementEvent[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<StatementEvent[]>((resolve, reject) => {
      this.queue.push({ resolve, reject, timed });
      if (this.queue.length === 1) this.startTimer();
      this.worker.postMessage({ ...msg, session: this.session });
    });
  }

  private readonly onMessage = (reply: ThreadReply) => {
    if (reply.session !== this.session) return; // a late answer for the file this thread parsed before
    const head = this.queue.shift();
    this.stopTimer();
    if (this.queue.length > 0) this.startTimer();
    if (!head) return;
    if (reply.kind === "events") head.resolve(unpackEvents(reply.packed));
    else this.fail(new StatementParseError(reply.problem, { line: reply.line, xmlPath: reply.xmlPath }), head);
  };

  private readonly onError = (err: Error) => {
    const oom = (err as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY";
    this.fail(new ParseLimitError(oom
      ? `parsing stopped: the file needs more than the parser's ${this.limits.memoryMb} MB of memory (BANK_PARSE_MEMORY_MB), near character ${this.sentChars}`
      : `parsing stopped: the parser failed (${err.message}) near character ${this.sentChars}`));
  };

  private readonly onExit = () => {
    this.fail(new ParseLimitError(`parsing stopped: the parser thread ended unexpectedly near character ${this.sentChars}`));
  };

  private fail(err: Error, head?: Pending): void {
    this.failure ??= err;
    this.stopTimer();
    head?.reject(this.failure);
    for (const p of this.queue.splice(0)) p.reject(this.failure);
  }

  /** Times the request at the head of the queue (the one the thread is working on). */
  private startTimer(): void {
    if (!this.queue[0]?.timed) return;
    this.busySince = performance.now();
    const left = Math.max(0, this.limits.timeLimitMs - this.usedMs);
    this.timer = setTimeout(() => {
      this.usedMs = this.limits.timeLimitMs;
      this.fail(new ParseLimitError(`parsing stopped: it took longer than the limit of ${this.limits.timeLimitMs / 1000} s `
        + `(BANK_PARSE_TIME_LIMIT_MS) near character ${this.sentChars}; the file is hostile or far larger than a statement`));
      void this.worker.terminate();
    }, left);
  }

  private stopTimer(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.usedMs += performance.now() - this.busySince;
  }
}
