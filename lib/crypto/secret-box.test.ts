import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretBox, keyId, SecretBoxError } from "./secret-box.ts";

const k1 = crypto.randomBytes(32).toString("base64");
const k2 = crypto.randomBytes(32).toString("base64");

describe("secret box", () => {
  it("seals with AES-256-GCM under the current key id and opens only for the same purpose", () => {
    const box = createSecretBox(k1);
    const sealed = box.seal("whsec_abc", "webhook:s1");
    expect(sealed).not.toContain("whsec_abc");
    expect(sealed.split(".")[1]).toBe(keyId(Buffer.from(k1, "base64")));
    expect(box.open(sealed, "webhook:s1")).toBe("whsec_abc");
    expect(() => box.open(sealed, "webhook:s2")).toThrow(SecretBoxError);
    expect(box.seal("x", "p")).not.toBe(box.seal("x", "p")); // a fresh IV every time
  });

  it("detects tampering", () => {
    const box = createSecretBox(k1);
    const parts = box.seal("secret", "p").split(".");
    parts[3] = Buffer.from("SECRET").toString("base64url");
    expect(() => box.open(parts.join("."), "p")).toThrow(/authentication/);
  });

  it("rotates: old keys still open, needsReseal names values not under the current key", () => {
    const before = createSecretBox(k1).seal("s", "p");
    const after = createSecretBox(k2, [k1]);
    expect(after.open(before, "p")).toBe("s");
    expect(after.needsReseal(before)).toBe(true);
    expect(after.needsReseal(after.seal("s", "p"))).toBe(false);
    expect(after.needsReseal("whsec_plaintext")).toBe(true);
    expect(() => createSecretBox(k2).open(before, "p")).toThrow(/neither CASHLINE_ENCRYPTION_KEY/);
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => createSecretBox(Buffer.alloc(16).toString("base64"))).toThrow(/exactly 32 bytes/);
  });
});
