// POST/GET /api/v1/bank-statements through the route handlers, as the bank's machine client calls them (API key
// with scope bank:statements): raw and multipart bodies, SHA-256 dedupe (202 then 200 + duplicate), size limit.
process.env.BANK_UPLOAD_MAX_BYTES = "100000"; // read once by env(), before any handler runs

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../api-keys/create-api-key.ts";
import { stopBoss } from "../jobs/boss.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedBankWorld } from "../testing/seed-bank-world.ts";
import { generateCamt053 } from "../bankfiles/generate.ts";
import { getDb } from "../db/client.ts";
import { GET, POST } from "../../app/api/v1/bank-statements/route.ts";
import { GET as GET_ONE } from "../../app/api/v1/bank-statements/[id]/route.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
let token = "";
let otherToken = "";
beforeAll(async () => {
  await seedBankWorld();
  token = (await createApiKey({ name: "bank sftp bridge", system: "bank", scopes: ["bank:statements"], createdById: null })).token;
  otherToken = (await createApiKey({ name: "billing", system: "billing", scopes: ["billing:events"], createdById: null })).token;
});

const URL_ = "http://localhost/api/v1/bank-statements";
const auth = (t = token) => ({ authorization: `Bearer ${t}` });

async function upload(body: BodyInit, headers: Record<string, string>, query = "") {
  const res = await POST(new Request(`${URL_}${query}`, { method: "POST", body, headers, duplex: "half" } as RequestInit));
  return { status: res.status, body: await res.json() };
}

describe("POST /api/v1/bank-statements (API key)", () => {
  const file = generateCamt053({ entries: 20, seed: 11 });

  it("takes a raw body (202), and the same bytes again answer 200 duplicate with the first id", async () => {
    const first = await upload(file, { ...auth(), "content-type": "application/xml" }, "?filename=day1.camt053.xml");
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: "RECEIVED", duplicate: false });
    expect(first.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await upload(file, { ...auth(), "content-type": "application/octet-stream", "content-disposition": 'attachment; filename="again.xml"' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    const doc = await getDb().sourceDocument.findUniqueOrThrow({ where: { id: first.body.id } });
    expect(doc).toMatchObject({ kind: "bank_statement", filename: "day1.camt053.xml", uploadedBy: expect.stringContaining("API key") });
    const audit = await getDb().auditLog.findFirst({ where: { action: "bank_file.uploaded", actorType: "api_key" } });
    expect(audit?.details).toMatchObject({ committed: true }); // written in the upload's transaction
  });

  it("takes multipart/form-data with the file in field `file`", async () => {
    const form = new FormData();
    form.append("file", new Blob([generateCamt053({ entries: 5, seed: 12 })], { type: "application/xml" }), "multi.xml");
    const res = await upload(form, auth());
    expect(res.status).toBe(202);
    expect((await getDb().sourceDocument.findUniqueOrThrow({ where: { id: res.body.id } })).filename).toBe("multi.xml");
  });

  it("refuses a key without the bank:statements scope (403) and files over the limit (413)", async () => {
    expect((await upload(file, { ...auth(otherToken), "content-type": "text/plain" })).status).toBe(403);
    const declared = await upload("x", { ...auth(), "content-type": "text/plain", "content-length": "104857600" });
    expect(declared.status).toBe(413);
    expect(declared.body.detail).toMatch(/larger than the limit/);
    const chunk = new Uint8Array(16 * 1024).fill(65);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({ pull(c) { if (sent++ < 20) c.enqueue(chunk); else c.close(); } });
    expect((await upload(stream, { ...auth(), "content-type": "text/plain" })).status).toBe(413);
    expect(sent).toBeLessThan(20); // stopped reading at the limit
  });

  it("lists files and shows one to the API client", async () => {
    const list = await GET(new Request(URL_, { headers: auth() }));
    expect(list.status).toBe(200);
    const body = await list.json();
    expect(body.total).toBe(2);
    expect(body.items[0]).toMatchObject({ status: "RECEIVED", entriesParsed: 0, statements: 0 });
    const one = await GET_ONE(new Request(`${URL_}/${body.items[0].id}`, { headers: auth() }), { params: Promise.resolve({ id: body.items[0].id }) });
    expect(one.status).toBe(200);
    expect((await one.json()).counts).toEqual({ lines: 0, newLines: 0, receipts: 0, returned: 0 });
    const missing = await GET_ONE(new Request(`${URL_}/nope`, { headers: auth() }), { params: Promise.resolve({ id: "nope" }) });
    expect(missing.status).toBe(404);
  });
});
