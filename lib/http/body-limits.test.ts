// Request body limits through the real route handlers: the public Stripe endpoint (before the signature is
// checked), JSON routes (no req.json()), the CSV import (while reading). Each answers 413 problem+json naming the
// limit, and stops reading the stream at the limit instead of buffering what the client sends.
import { beforeAll, describe, expect, it, vi } from "vitest";

const sessionUser = vi.hoisted(() => ({ current: null as null | { id: string; email: string; name: string; role: "ADMIN"; writeOffLimitMinor: bigint } }));
vi.mock("../auth/session.ts", () => ({ getSessionUser: async () => sessionUser.current }));

import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { createApiKey } from "../api-keys/create-api-key.ts";
import { POST as stripePost } from "../../app/api/webhooks/stripe/route.ts";
import { POST as billingPost } from "../../app/api/v1/billing/events/route.ts";
import { POST as csvPost } from "../../app/api/v1/billing/invoices/import/route.ts";
import { readBody } from "./read-body.ts";

useFreshDatabase();

/** A body of `chunks` × 64 KB that counts how many chunks the server pulled. */
function countingStream(chunks: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20); // spaces: valid JSON/CSV padding, so only the size is wrong
  const state = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({ pull(c) { if (state.pulled++ < chunks) c.enqueue(chunk); else c.close(); } });
  return { body, state };
}

const req = (url: string, body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(url, { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function problemOf(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return res.json();
}

describe("readBody", () => {
  it("refuses a declared Content-Length over the limit without reading a byte", async () => {
    const { body, state } = countingStream(4);
    const err = await readBody(req("http://x/", body, { "content-length": "999999" }), { maxBytes: 1000 }).catch((e) => e);
    expect(err.problem).toMatchObject({ status: 413, detail: expect.stringContaining("1000 bytes") });
    expect(state.pulled).toBeLessThanOrEqual(1); // a ReadableStream may pre-pull once at construction
  });

  it("refuses a body longer than its Content-Length", async () => {
    const err = await readBody(req("http://x/", "0123456789", { "content-length": "4" }), { maxBytes: 100 }).catch((e) => e);
    expect(err.problem?.status ?? 0).toBeGreaterThanOrEqual(400);
  });
});

describe("Stripe webhook endpoint (public)", () => {
  it("answers 413 at 256 KB before verifying the signature, having read no further", async () => {
    const { body, state } = countingStream(64); // 4 MB offered
    const res = await stripePost(req("http://localhost/api/webhooks/stripe", body, { "content-type": "application/json", "stripe-signature": "t=1,v1=00" }));
    expect(res.status).toBe(413);
    expect((await problemOf(res)).detail).toMatch(/Stripe event is larger than the limit of 256 KB/);
    expect(state.pulled).toBeLessThan(8);
    const declared = await stripePost(req("http://localhost/api/webhooks/stripe", "{}", { "content-type": "application/json", "content-length": String(300 * 1024) }));
    expect(declared.status).toBe(413);
    expect(await getDb().inboundEvent.count()).toBe(0);
  });
});

describe("JSON routes", () => {
  let token = "";
  beforeAll(async () => {
    token = (await createApiKey({ name: "billing", system: "billing", scopes: ["billing:events"], createdById: null })).token;
  });

  it("bound the body (billing events: 4 MB), streamed or declared", async () => {
    const { body, state } = countingStream(200); // 12.5 MB offered
    const res = await billingPost(req("http://localhost/api/v1/billing/events", body, { authorization: `Bearer ${token}`, "content-type": "application/json" }));
    expect(res.status).toBe(413);
    expect((await problemOf(res)).detail).toMatch(/limit of 4 MB/);
    expect(state.pulled).toBeLessThan(70);
    const declared = await billingPost(req("http://localhost/api/v1/billing/events", "[]", { authorization: `Bearer ${token}`, "content-length": String(5 * 1024 * 1024) }));
    expect(declared.status).toBe(413);
  });

  it("still answers 400 for a body that is not JSON", async () => {
    const res = await billingPost(req("http://localhost/api/v1/billing/events", "{nope", { authorization: `Bearer ${token}`, "content-type": "application/json" }));
    expect(res.status).toBe(400);
  });
});

describe("invoice CSV import", () => {
  it("enforces 10 MB while reading, not after", async () => {
    const admin = await getDb().user.create({ data: { email: "csv@x.dev", name: "Csv", role: "ADMIN", passwordHash: "x" } });
    sessionUser.current = { id: admin.id, email: admin.email, name: admin.name, role: "ADMIN", writeOffLimitMinor: 0n };
    const { body, state } = countingStream(1000); // 62.5 MB offered
    const res = await csvPost(req("http://localhost/api/v1/billing/invoices/import", body, { "content-type": "text/csv", host: "localhost", origin: "http://localhost" }));
    expect(res.status).toBe(413);
    expect((await problemOf(res)).detail).toMatch(/CSV file is larger than the limit of 10 MB/);
    expect(state.pulled).toBeLessThan(170);
  });
});
