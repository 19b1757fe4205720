// Reads an uploaded file from a request: multipart/form-data (a browser form, `curl -F file=@x`) or the raw body
// (any content type; name from `?filename=` or Content-Disposition). The size limit is enforced while reading:
// a declared Content-Length over it is refused before a byte is read, a chunked body is cut off at the limit.
import { problem } from "./problem.ts";

export type Upload = { content: Buffer; filename: string | null; contentType: string | null };

const MULTIPART_OVERHEAD = 64 * 1024;

const tooLarge = (max: number) => problem(413, `the file is larger than the limit of ${Math.floor(max / (1024 * 1024))} MB`);

async function readLimited(req: Request, limit: number, max: number): Promise<Buffer> {
  if (!req.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, total);
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
  const declared = Number(req.headers.get("content-length"));
  const contentType = req.headers.get("content-type");
  const multipart = /^multipart\/form-data\b/i.test(contentType ?? "");
  const limit = opts.maxBytes + (multipart ? MULTIPART_OVERHEAD : 0);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(opts.maxBytes);
  const body = await readLimited(req, limit, opts.maxBytes);
  if (!multipart) {
    if (body.length === 0) throw problem(400, "the request body is empty: send the file as the body, or as multipart field \"file\"");
    const filename = new URL(req.url).searchParams.get("filename") ?? filenameFromDisposition(req.headers.get("content-disposition"));
    return { content: body, filename: safeName(filename), contentType };
  }
  let form: FormData;
  try {
    form = await new Response(body as unknown as BodyInit, { headers: { "content-type": contentType! } }).formData();
  } catch {
    throw problem(400, "malformed multipart/form-data body");
  }
  const file = form.get(opts.field);
  if (!file || typeof file === "string") throw problem(400, `multipart field "${opts.field}" with the file is missing`);
  if (file.size > opts.maxBytes) throw tooLarge(opts.maxBytes);
  if (file.size === 0) throw problem(400, "the uploaded file is empty");
  return { content: Buffer.from(await file.arrayBuffer()), filename: safeName(file.name), contentType: file.type || null };
}
