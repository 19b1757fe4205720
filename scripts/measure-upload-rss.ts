// Peak resident memory of reading a 100 MB bank upload (raw with Content-Length, raw chunked, multipart chunked):
// `npx tsx scripts/measure-upload-rss.ts <raw|chunked|multipart> [path to read-upload.ts]`. One process per case,
// so VmHWM (the kernel's high-water mark) measures that case alone.
import fs from "node:fs";
import path from "node:path";

const [mode = "raw", modulePath = path.resolve(import.meta.dirname, "../lib/http/read-upload.ts")] = process.argv.slice(2);
const { readUpload } = await import(path.resolve(modulePath));
const SIZE = 100 * 1024 * 1024;
const hwm = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))![1]) / 1024;

function stream(prefix: Buffer, suffix: Buffer) {
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  let sent = 0;
  let stage = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (stage === 0) { stage = 1; c.enqueue(new Uint8Array(prefix)); return; }
      if (sent < SIZE) { sent += chunk.length; c.enqueue(new Uint8Array(chunk)); return; }
      if (stage === 1) { stage = 2; c.enqueue(new Uint8Array(suffix)); return; }
      c.close();
    },
  });
}

const boundary = "----cashline-measure";
const multipart = mode === "multipart";
const prefix = multipart ? Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.xml"\r\nContent-Type: application/xml\r\n\r\n`) : Buffer.alloc(0);
const suffix = multipart ? Buffer.from(`\r\n--${boundary}--\r\n`) : Buffer.alloc(0);
const headers: Record<string, string> = { "content-type": multipart ? `multipart/form-data; boundary=${boundary}` : "application/xml" };
if (mode === "raw") headers["content-length"] = String(SIZE);
const base = hwm();
const t0 = Date.now();
const req = new Request("http://x/up?filename=big.xml", { method: "POST", body: stream(prefix, suffix), headers, duplex: "half" } as RequestInit);
const up = await readUpload(req, { maxBytes: 200 * 1024 * 1024, field: "file" });
if (up.content.length !== SIZE) throw new Error(`read ${up.content.length} bytes`);
console.log(JSON.stringify({ mode, module: path.relative(process.cwd(), modulePath), baselineMiB: Math.round(base), peakRssMiB: Math.round(hwm()), ms: Date.now() - t0 }));
