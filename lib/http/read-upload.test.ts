import fs from "node:fs";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { readUpload } from "./read-upload.ts";

const tmpUploads = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("cashline-upload-")).length;

/** Re-streams a body without a Content-Length (as a chunked upload arrives). */
async function chunked(body: BodyInit, headers: Record<string, string> = {}) {
  const source = new Request("http://x/", { method: "POST", body });
  const type = source.headers.get("content-type");
  return new Request("http://x/up?filename=a.xml", { method: "POST", body: source.body, headers: { ...(type ? { "content-type": type } : {}), ...headers }, duplex: "half" } as RequestInit);
}

describe("readUpload", () => {
  const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));

  it("reads a raw body with a declared length, and a chunked one through a temporary file removed afterwards", async () => {
    const declared = await readUpload(new Request("http://x/up?filename=a.xml", { method: "POST", body: bytes }), { maxBytes: 1_000_000, field: "file" });
    expect(declared.content.equals(bytes)).toBe(true);
    const before = tmpUploads();
    const streamed = await readUpload(await chunked(bytes), { maxBytes: 1_000_000, field: "file" });
    expect(streamed.content.equals(bytes)).toBe(true);
    expect(streamed.filename).toBe("a.xml");
    expect(tmpUploads()).toBe(before);
  });

  it("parses multipart in place: the file's exact bytes, name and type, among other fields", async () => {
    const form = new FormData();
    form.append("note", "hello\r\n--not-a-boundary");
    form.append("file", new Blob([bytes], { type: "application/xml" }), "day 1.xml");
    const up = await readUpload(await chunked(form), { maxBytes: 1_000_000, field: "file" });
    expect(up.content.equals(bytes)).toBe(true);
    expect(up).toMatchObject({ filename: "day 1.xml", contentType: "application/xml" });
    const missing = new FormData();
    missing.append("other", new Blob([bytes]), "x.xml");
    expect((await readUpload(await chunked(missing), { maxBytes: 1_000_000, field: "file" }).catch((e) => e)).problem.status).toBe(400);
  });

  it("refuses a chunked body past the limit (413) and leaves no temporary file", async () => {
    const before = tmpUploads();
    const err = await readUpload(await chunked(bytes), { maxBytes: 100_000, field: "file" }).catch((e) => e);
    expect(err.problem).toMatchObject({ status: 413 });
    expect(tmpUploads()).toBe(before);
  });
});
