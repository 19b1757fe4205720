import { describe, expect, it } from "vitest";
import { jsonResponse } from "./json-response.ts";
import { problemResponse } from "./problem.ts";

describe("jsonResponse", () => {
  it("carries the body's length in bytes (not characters); a small one is marked no-transform (no gzip), a large one not", async () => {
    const r = jsonResponse({ payer: "Müller & Søn", amount: "12.50" }, { status: 201, headers: { "x-request-id": "abc" } });
    const bytes = new Uint8Array(await r.clone().arrayBuffer());
    expect(r.status).toBe(201);
    expect(r.headers.get("content-length")).toBe(String(bytes.byteLength));
    expect(bytes.byteLength).toBeGreaterThan(JSON.stringify({ payer: "Müller & Søn", amount: "12.50" }).length); // ü, ø: two bytes each
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(r.headers.get("x-request-id")).toBe("abc");
    expect(r.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(jsonResponse({ items: "x".repeat(2000) }).headers.get("cache-control")).toBe("no-store");
    expect(await r.json()).toEqual({ payer: "Müller & Søn", amount: "12.50" });
  });

  it("problem answers too, with their own media type", async () => {
    const r = problemResponse({ status: 400, title: "Bad request", detail: "line 3: amount is not a decimal" }, "/api/v1/x", { "retry-after": "5" });
    expect(r.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(r.headers.get("content-length"))).toBe((await r.clone().arrayBuffer()).byteLength);
    expect(r.headers.get("retry-after")).toBe("5");
    expect((await r.json()).detail).toBe("line 3: amount is not a decimal");
  });
});
