import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { verifyCredentials } from "./verify-credentials.ts";
import { THROTTLE } from "./throttle.ts";

useFreshDatabase();

describe("password hashing", () => {
  it("verifies the right password only, with a salted hash", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).not.toBe(b);
    expect(a.startsWith("scrypt$")).toBe(true);
    expect(await verifyPassword("correct horse", a)).toBe(true);
    expect(await verifyPassword("correct horsf", a)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });
});

describe("sign-in", () => {
  it("accepts good credentials, refuses bad ones, and audits both", async () => {
    const db = getDb();
    await db.user.create({ data: { email: "ana@example.com", name: "Ana", role: "AR_ANALYST", passwordHash: await hashPassword("s3cret-pass") } });
    expect((await verifyCredentials({ email: "ANA@example.com ", password: "s3cret-pass" }, "1.1.1.1")).ok).toBe(true);
    expect(await verifyCredentials({ email: "ana@example.com", password: "nope" }, "1.1.1.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials({ email: "not-an-email", password: "x" }, "1.1.1.1")).toEqual({ ok: false, reason: "invalid" });
    const actions = (await db.auditLog.findMany({ orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["auth.signed_in", "auth.sign_in_failed"]);
  });

  it("throttles repeated failures for an address, even when the password is then right", async () => {
    const db = getDb();
    await db.user.create({ data: { email: "tom@example.com", name: "Tom", role: "TREASURY", passwordHash: await hashPassword("right-pass") } });
    for (let i = 0; i < THROTTLE.maxPerEmail; i++) {
      expect((await verifyCredentials({ email: "tom@example.com", password: `wrong${i}` }, "2.2.2.2")).ok).toBe(false);
    }
    expect(await verifyCredentials({ email: "tom@example.com", password: "right-pass" }, "2.2.2.2")).toEqual({ ok: false, reason: "throttled" });
  });

  it("refuses a deactivated user", async () => {
    const db = getDb();
    await db.user.create({ data: { email: "old@example.com", name: "Old", role: "ADMIN", active: false, passwordHash: await hashPassword("pass-word") } });
    expect((await verifyCredentials({ email: "old@example.com", password: "pass-word" }, "3.3.3.3")).ok).toBe(false);
  });
});
