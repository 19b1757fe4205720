// Finding 5 (open redirect after sign-in): `/signin?callbackUrl=/%5Cevil.example` passed the old `//` check.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { safeRedirectPath, safeRedirectUrl } from "./safe-redirect.ts";

/** The check the sign-in page used before this fix, kept here to show the test set catches it. */
const oldCheck = (u: string) => (u.startsWith("/") && !u.startsWith("//") ? u : "/");

const HOSTILE = [
  "/\\evil.example", "/%5Cevil.example", "/%5cevil.example", "/%255Cevil.example", "\\\\evil.example", "/\\/evil.example",
  "//evil.example", "///evil.example", "/%2Fevil.example", "/%2fevil.example", "/%252F%252Fevil.example", "%2F%2Fevil.example",
  "https://evil.example", "http:evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", "evil.example",
  "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/%09/evil.example", "/%0a/evil.example", "/%00/evil.example",
  " /evil", "/ /evil", "/\u2028/evil.example", "/\u00a0/evil", "/%E2%80%A8/evil.example", "/\x7f", "%", "/%E0%A4%A", "/%",
  "", "   ", "/" + "a".repeat(3000), "\u0000/", "/..%5C..%5Cevil", "/payments\\..\\evil",
];
const SAFE = ["/", "/payments", "/payments?unapplied=1&entity=US01", "/exceptions/case_1#notes", "/payments/rcp_00001", "/a/b/c?x=%2F"];

describe("safeRedirectPath", () => {
  it.each(HOSTILE)("refuses %j", (input) => {
    expect(safeRedirectPath(input)).toBe("/");
  });

  it.each(SAFE)("keeps the same-site path %j", (input) => {
    expect(safeRedirectPath(input)).toBe(input);
  });

  it("refuses what is not a string", () => {
    for (const v of [undefined, null, 42, ["/x"], { a: 1 }]) expect(safeRedirectPath(v)).toBe("/");
  });

  it("the old check let the reported bypass through (this set would have failed it)", () => {
    expect(oldCheck("/\\evil.example")).toBe("/\\evil.example");
    expect(HOSTILE.filter((h) => oldCheck(h) !== "/").length).toBeGreaterThan(10);
  });

  it("whatever it returns stays on this origin, for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => {
        for (const input of [s, `/${s}`, `/${encodeURIComponent(s)}`]) {
          const out = safeRedirectPath(input);
          const resolved = new URL(out, "https://cashline.example");
          expect(resolved.origin).toBe("https://cashline.example");
          expect(out.startsWith("//") || out.includes("\\")).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("safeRedirectUrl (next-auth redirect callback)", () => {
  const base = "https://cash.example.com";
  it("keeps same-origin URLs and paths, sends the rest home", () => {
    expect(safeRedirectUrl(`${base}/payments?x=1`, base)).toBe(`${base}/payments?x=1`);
    expect(safeRedirectUrl("/close", base)).toBe(`${base}/close`);
    expect(safeRedirectUrl("https://evil.example/", base)).toBe(`${base}/`);
    expect(safeRedirectUrl(`${base}.evil.example/x`, base)).toBe(`${base}/`);
    expect(safeRedirectUrl(`${base}/\\evil.example`, base)).toBe(`${base}/`);
    expect(safeRedirectUrl(base, base)).toBe(`${base}/`);
  });
});
