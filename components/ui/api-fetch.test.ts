import { describe, expect, it } from "vitest";
import { ApiError, errorText, fieldLabel, isConcurrencyConflict } from "./api-fetch.ts";

describe("server errors as people read them", () => {
  it("names the field instead of the raw path (\"abc\" on account)", () => {
    const e = new ApiError(422, "request body failed validation", [{ path: "body.amount", message: "a positive decimal amount like 1234.50" }]);
    // Before: "request body failed validation · body.amount: a positive decimal amount like 1234.50"
    expect(errorText(e)).toBe("Amount: a positive decimal amount like 1234.50");
    expect(fieldLabel("body.lines.0.amount")).toBe("Line 1 amount");
    expect(fieldLabel("query.minAmount")).toBe("Min amount");
  });

  it("keeps a real explanation and calls only concurrent changes conflicts", () => {
    const over = new ApiError(409, "allocations of USD 600.00 exceed the unapplied USD 500.00");
    expect(errorText(over)).toBe("allocations of USD 600.00 exceed the unapplied USD 500.00");
    expect(isConcurrencyConflict(over)).toBe(false);
    expect(isConcurrencyConflict(new ApiError(409, "Someone else acted on this receipt first: it changed since you opened it. Reload to see what they did, then try again."))).toBe(true);
    expect(isConcurrencyConflict(new ApiError(422, "Someone else"))).toBe(false);
  });
});
