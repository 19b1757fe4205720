// Error classification of single ERP requests, with a fake fetch for each way a request can end.
import { describe, expect, it } from "vitest";
import { erpRequest } from "./http.ts";
import { ErpPermanentError, ErpRetryableError, parseRetryAfter } from "./errors.ts";

const respond = (status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch =>
  async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers });
const run = (f: typeof fetch, timeoutMs = 1000) =>
  erpRequest({ baseUrl: "http://erp.test", timeoutMs, fetch: f }, { method: "POST", path: "/x", body: {}, idempotencyKey: "k" }).then(() => null, (e: unknown) => e);

describe("ERP error classification", () => {
  it.each([500, 502, 503, 504])("%i is retryable", async (status) => {
    expect(await run(respond(status, { detail: "down" }))).toMatchObject({ retryable: true, kind: "http", status });
  });

  it("429 is retryable and exposes Retry-After", async () => {
    const e = await run(respond(429, { detail: "slow down" }, { "retry-after": "2" }));
    expect(e).toBeInstanceOf(ErpRetryableError);
    expect(e).toMatchObject({ status: 429, retryAfterMs: 2000, message: "ERP answered 429: slow down" });
  });

  it.each([400, 404, 409, 422])("%i is permanent and carries the ERP's message and code", async (status) => {
    const e = await run(respond(status, { title: "x", detail: "customer account C-9 does not exist", errorCode: "UNKNOWN_CUSTOMER_ACCOUNT" }));
    expect(e).toBeInstanceOf(ErpPermanentError);
    expect(e).toMatchObject({ status, errorCode: "UNKNOWN_CUSTOMER_ACCOUNT", message: `ERP answered ${status}: customer account C-9 does not exist` });
  });

  it("reads Oracle-style error details too", async () => {
    const e = await run(respond(400, { title: "Bad Request", "o:errorDetails": [{ detail: "Receipt date is invalid", "o:errorCode": "AR-123" }] }));
    expect(e).toMatchObject({ message: "ERP answered 400: Receipt date is invalid", errorCode: "AR-123" });
  });

  it("a connection reset is retryable", async () => {
    const reset: typeof fetch = async () => { throw new TypeError("fetch failed", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) }); };
    const e = await run(reset);
    expect(e).toMatchObject({ retryable: true, kind: "network" });
    expect((e as Error).message).toMatch(/ECONNRESET.*may have booked/);
  });

  it("no answer within timeoutMs is a retryable timeout", async () => {
    const hang: typeof fetch = (_url, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    expect(await run(hang, 30)).toMatchObject({ retryable: true, kind: "timeout" });
  });

  it("a 2xx that is not JSON is a permanent bad_response", async () => {
    expect(await run(respond(200, "<html>login</html>"))).toMatchObject({ retryable: false, kind: "bad_response" });
  });

  it("parses Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
