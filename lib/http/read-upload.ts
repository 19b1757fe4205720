// Reads an uploaded file from a request: multipart/form-data (a browser form, `curl -F file=@x`) or the raw body
// (any content type; name from `?filename=` or Content-Disposition). The size limit is enforced while reading
// (lib/http/read-body.ts): a declared Content-Length over it is refused before a byte is read, a chunked body is
// cut off at the limit. Memory: the body is held ONCE. With a declared length it is read into one buffer of that
// size; without one (chunked) it is streamed to a temporary file and read back into one buffer. A multipart file is
// a view into that buffer (the form is parsed in place), not a copy through FormData/Blob/ArrayBuffer.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { problem } from "./problem.ts";
import { bodyTooLarge, declaredLength, readBody, streamBody } from "./read-body.ts";

export type Upload = { content: Buffer; filename: string | null; contentType: string | null };

const MULTIPART_OVERHEAD = 64 * 1024;

async function readOnce(req: Request, limit: number): Promise<Buffer> {
  if (declaredLength(req) !== null) return readBody(req, { maxBytes: limit, what: "file" });
  const file = path.join(os.tmpdir(), `cashline-upload-${crypto.randomBytes(8).toString("hex")}`);
  const out = await fs.promises.open(file, "wx", 0o600);
  try {
    await streamBody(req, { maxBytes: limit, what: "file" }, async (chunk) => { await out.write(chunk); });
    await out.close();
    return await fs.promises.readFile(file);
  } finally {
    await out.close().catch(() => {});
    await fs.promises.rm(file, { force: true });
  }
}

type Part = { name: string | null; filename: string | null; contentType: string | null; content: Buffer };

/** Parses multipart/form-data in place: each part's content is a subarray of `body`. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw problem(400, "malformed multipart/form-data body");
  const parts: Part[] = [];
  for (;;) {
    pos += delimiter.length;
    if (body[pos] === 45 && body[pos + 1] === 45) return parts; // "--": the closing delimiter
    if (body[pos] !== 13 || body[pos + 1] !== 10) throw problem(400, "malformed multipart/form-data body");
    const headersEnd = body.indexOf("\r\n\r\n", pos);
    const end = headersEnd < 0 ? -1 : body.indexOf(next, headersEnd + 4);
    if (end < 0) throw problem(400, "malformed multipart/form-data body");
    const headers = body.toString("utf8", pos + 2, headersEnd);
    const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? "";
    parts.push({
      name: /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      filename: /filename\*?=/i.test(disposition) ? filenameFromDisposition(disposition) : null,
      contentType: /^content-type:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? null,
      content: body.subarray(headersEnd + 4, end),
    });
    pos = end + 2;
  }
}

/** `attachment; filename="a.xml"` or `filename*=UTF-8''a%20b.xml`. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try { return decodeURIComponent(star[1]!.trim()); } catch { /* fall through to the plain form */ }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/.exec(header);
  return plain ? (plain[1] ?? plain[2] ?? null) : null;
}

/** Keeps the last path segment and printable characters: a name to show, never a path to use. */
function safeName(name: string | null): string | null {
  const base = name?.split(/[\\/]/).pop()?.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return base ? base : null;
}

export async function readUpload(req: Request, opts: { maxBytes: number; field: string }): Promise<Upload> {
  const contentType = req.headers.get("content-type");
  const multipart = /^multipart\/form-data\b/i.test(contentType ?? "");
  const limit = opts.maxBytes + (multipart ? MULTIPART_OVERHEAD : 0);
  const body = await readOnce(req, limit).catch((err) => {
    // The same message for a file and its multipart wrapping: the limit the client must respect is the file's.
    if ((err as { problem?: { status: number } }).problem?.status === 413) throw bodyTooLarge(opts.maxBytes, "file");
    throw err;
  });
  if (!multipart) {
    if (body.length === 0) throw problem(400, "the request body is empty: send the file as the body, or as multipart field \"file\"");
    const filename = new URL(req.url).searchParams.get("filename") ?? filenameFromDisposition(req.headers.get("content-disposition"));
    return { content: body, filename: safeName(filename), contentType };
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType!);
  if (!boundary) throw problem(400, "malformed multipart/form-data body (no boundary)");
  const file = parseMultipart(body, boundary[1] ?? boundary[2]!).find((p) => p.name === opts.field && p.filename !== null);
  if (!file) throw problem(400, `multipart field "${opts.field}" with the file is missing`);
  if (file.content.length > opts.maxBytes) throw bodyTooLarge(opts.maxBytes, "file");
  if (file.content.length === 0) throw problem(400, "the uploaded file is empty");
  return { content: file.content, filename: safeName(file.filename), contentType: file.contentType || null };
}
