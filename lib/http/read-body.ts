// The one way a route reads a request body: bounded. A declared Content-Length over the limit is refused before a
// byte is read; otherwise the stream is counted as it arrives and cancelled the moment it passes the limit, so a
// client can never make the server hold more than `maxBytes` (413, problem+json naming the limit).
// With a declared length the bytes land in one buffer allocated once (no chunk list + concatenation copy).
import { problem, type ProblemError } from "./problem.ts";

/** Default limit for JSON bodies (an operation may set its own with `maxBodyBytes`). */
export const JSON_BODY_MAX_BYTES = 1024 * 1024;

export function formatLimit(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

export function bodyTooLarge(maxBytes: number, what = "request body"): ProblemError {
  return problem(413, `the ${what} is larger than the limit of ${formatLimit(maxBytes)} (${maxBytes} bytes)`, {
    errors: [{ path: "body", message: `at most ${maxBytes} bytes` }],
  });
}

/** The declared Content-Length, or null when absent/invalid (chunked bodies). */
export function declaredLength(req: Request): number | null {
  const raw = req.headers.get("content-length");
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  return Number(raw);
}

export type ReadOptions = { maxBytes: number; what?: string };

/** Refuses a declared length over the limit, without reading. */
export function checkDeclaredLength(req: Request, opts: ReadOptions): number | null {
  const declared = declaredLength(req);
  if (declared !== null && declared > opts.maxBytes) {
    req.body?.cancel().catch(() => {});
    throw bodyTooLarge(opts.maxBytes, opts.what);
  }
  return declared;
}

/**
 * Feeds each chunk of the body to `sink`, at most `maxBytes` in total; throws 413 as soon as the limit is passed
 * (the stream is cancelled: nothing more is read). Returns the byte count.
 */
export async function streamBody(req: Request, opts: ReadOptions, sink: (chunk: Uint8Array) => void | Promise<void>): Promise<number> {
  checkDeclaredLength(req, opts);
  if (!req.body) return 0;
  const reader = req.body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return total;
      total += value.byteLength;
      if (total > opts.maxBytes) throw bodyTooLarge(opts.maxBytes, opts.what);
      await sink(value);
    }
  } catch (err) {
    await reader.cancel().catch(() => {});
    throw err;
  } finally {
    reader.releaseLock();
  }
}

/** Reads the whole body into one Buffer, bounded by `maxBytes`. */
export async function readBody(req: Request, opts: ReadOptions): Promise<Buffer> {
  const declared = checkDeclaredLength(req, opts);
  if (declared !== null) {
    // One allocation of the declared size; a body longer than it declared is refused like an oversized one.
    const out = Buffer.allocUnsafe(declared);
    let at = 0;
    await streamBody(req, opts, (chunk) => {
      if (at + chunk.byteLength > declared) throw problem(400, "the request body is longer than its Content-Length");
      out.set(chunk, at);
      at += chunk.byteLength;
    });
    return at === declared ? out : out.subarray(0, at);
  }
  const chunks: Uint8Array[] = [];
  const total = await streamBody(req, opts, (chunk) => { chunks.push(chunk); });
  return Buffer.concat(chunks, total);
}

export async function readTextBody(req: Request, opts: ReadOptions): Promise<string> {
  return (await readBody(req, opts)).toString("utf8");
}

/** Parses a JSON body read within the limit; 400 when it is not JSON. */
export async function readJsonBody(req: Request, opts: ReadOptions): Promise<unknown> {
  const text = await readTextBody(req, opts);
  try {
    return JSON.parse(text);
  } catch {
    throw problem(400, "request body is not valid JSON");
  }
}
