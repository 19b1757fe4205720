import { describe, expect, it } from "vitest";
import { decide } from "./rate-limit.ts";

describe("sliding-window decision", () => {
  it("admits up to the limit within a minute", () => {
    expect(decide(0, 600, 600, 0.5).allowed).toBe(true);
    expect(decide(0, 601, 600, 0.5)).toMatchObject({ allowed: false });
  });
  it("weights the previous minute by how much of it is still inside the window", () => {
    expect(decide(600, 300, 600, 0.5).allowed).toBe(true); // 600 × 0.5 + 300 = 600
    expect(decide(600, 301, 600, 0.5).allowed).toBe(false);
    expect(decide(600, 1, 600, 0.0).allowed).toBe(false);
  });
  it("says how long to wait", () => {
    expect(decide(600, 301, 600, 0.5).retryAfterSeconds).toBe(1);
    expect(decide(0, 601, 600, 0.5).retryAfterSeconds).toBe(31);
  });
});
