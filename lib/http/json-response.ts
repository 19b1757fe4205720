// A JSON answer that tells the server's gzip whether to bother. Next streams route answers (it drops a
// Content-Length) and its gzip (the `compression` package) then compresses every answer, however small: at 60
// webhooks/s that was ~8% of the web's CPU, for bodies of a few hundred bytes. A body under 1 KiB is marked
// `no-transform` (the package's own threshold; it honours that directive) and goes out as it is; larger ones
// (lists) are still compressed for clients that accept it. API answers are never cached (`no-store`).
const COMPRESS_FROM_BYTES = 1024;

export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string>; contentType?: string } = {}): Response {
  const text = JSON.stringify(body);
  const bytes = new TextEncoder().encode(text).byteLength;
  return new Response(text, {
    status: init.status ?? 200,
    headers: {
      "content-type": init.contentType ?? "application/json",
      "content-length": String(bytes),
      "cache-control": bytes < COMPRESS_FROM_BYTES ? "no-store, no-transform" : "no-store",
      ...init.headers,
    },
  });
}
