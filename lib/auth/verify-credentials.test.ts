import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { checkPassword, hashPassword, PRODUCTION_SCRYPT, verifyPassword } from "./password.ts";
import { verifyCredentials } from "./verify-credentials.ts";
import { coolDownMs, recordAttempt, THROTTLE, throttleWaitMs } from "./throttle.ts";

useFreshDatabase();

const mkUser = async (email: string, password: string, extra: Record<string, unknown> = {}) =>
  getDb().user.create({ data: { email, name: email, role: "ADMIN", passwordHash: await hashPassword(password), ...extra } });
const ago = (ms: number) => new Date(Date.now() - ms);

describe("password hashing", () => {
  it("verifies the right password only, with a salted hash", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).not.toBe(b);
    expect(a.startsWith("scrypt$")).toBe(true);
    expect(await verifyPassword("correct horse", a)).toBe(true);
    expect(await verifyPassword("correct horsf", a)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
    expect(await verifyPassword("x", "scrypt$1073741824$8$1$AAAA$AAAA")).toBe(false); // absurd cost: refused, not attempted
  });

  it("production cost is OWASP's N=2^17, r=8, p=1 (the old N=2^14 was below it), written into the hash", async () => {
    expect(PRODUCTION_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    const h = await hashPassword("long enough passphrase", PRODUCTION_SCRYPT);
    expect(h.startsWith("scrypt$131072$8$1$")).toBe(true);
    expect(await verifyPassword("long enough passphrase", h)).toBe(true);
  });

  it("flags hashes below today's cost for a rehash", async () => {
    const weak = await hashPassword("pw-pw-pw", { N: 1024, r: 8, p: 1 });
    expect(await checkPassword("pw-pw-pw", weak)).toEqual({ ok: true, needsRehash: true });
    expect(await checkPassword("pw-pw-pw", await hashPassword("pw-pw-pw"))).toEqual({ ok: true, needsRehash: false });
  });
});

describe("sign-in", () => {
  it("accepts good credentials, refuses bad ones, and audits both", async () => {
    const db = getDb();
    await mkUser("ana@example.com", "s3cret-pass");
    expect((await verifyCredentials({ email: "ANA@example.com ", password: "s3cret-pass" }, "1.1.1.1")).ok).toBe(true);
    expect(await verifyCredentials({ email: "ana@example.com", password: "nope" }, "1.1.1.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials({ email: "not-an-email", password: "x" }, "1.1.1.1")).toEqual({ ok: false, reason: "invalid" });
    const actions = (await db.auditLog.findMany({ orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["auth.signed_in", "auth.sign_in_failed"]);
  });

  it("rehashes an old-cost hash on a successful sign-in", async () => {
    const u = await getDb().user.create({ data: { email: "legacy@example.com", name: "L", role: "TREASURY", passwordHash: await hashPassword("legacy-pass", { N: 1024, r: 8, p: 1 }) } });
    expect((await verifyCredentials({ email: "legacy@example.com", password: "legacy-pass" }, "1.1.1.2")).ok).toBe(true);
    const after = await getDb().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(after.passwordHash.startsWith("scrypt$1024$")).toBe(false);
    expect(await checkPassword("legacy-pass", after.passwordHash)).toEqual({ ok: true, needsRehash: false });
  });

  it("five wrong passwords from an attacker no longer lock the owner out", async () => {
    await mkUser("boss@example.com", "owner-pass");
    for (let i = 0; i < 6; i++) await verifyCredentials({ email: "boss@example.com", password: `guess${i}` }, "6.6.6.6");
    // the attacker's own address is slowed down…
    expect(await verifyCredentials({ email: "boss@example.com", password: "owner-pass" }, "6.6.6.6")).toMatchObject({ ok: false, reason: "throttled" });
    // …the owner, anywhere else, is not (the old rule refused them for 15 minutes)
    expect((await verifyCredentials({ email: "boss@example.com", password: "owner-pass" }, "198.51.100.20")).ok).toBe(true);
  });

  it("a cool-down passes: the owner is let in again once it has run out", async () => {
    await mkUser("wait@example.com", "right-pass");
    for (let i = 0; i < 5; i++) await recordAttempt("wait@example.com", "2.2.2.2", false, ago(1000));
    expect(await verifyCredentials({ email: "wait@example.com", password: "right-pass" }, "2.2.2.2")).toMatchObject({ ok: false, reason: "throttled" });
    await getDb().loginAttempt.updateMany({ where: { email: "wait@example.com" }, data: { at: ago(60_000) } });
    expect((await verifyCredentials({ email: "wait@example.com", password: "right-pass" }, "2.2.2.2")).ok).toBe(true);
  });

  it("refuses a deactivated user", async () => {
    await mkUser("old@example.com", "pass-word", { active: false });
    expect((await verifyCredentials({ email: "old@example.com", password: "pass-word" }, "3.3.3.3")).ok).toBe(false);
  });

  it("an unknown e-mail costs a scrypt like a known one (timing does not reveal accounts)", async () => {
    // a realistic cost for this test, so the hash dominates the answer time as it does in production
    const testCost = process.env.CASHLINE_TEST_SCRYPT_LOG2N;
    process.env.CASHLINE_TEST_SCRYPT_LOG2N = "15";
    await mkUser("known@example.com", "known-pass");
    const time = async (email: string, ip: string) => {
      const t = performance.now();
      await verifyCredentials({ email, password: "wrong-password" }, ip);
      return performance.now() - t;
    };
    await time("warmup@example.com", "9.9.9.0"); // the dummy hash is made once per process
    const known: number[] = [], unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time("known@example.com", `9.9.9.${1 + i}`));
      unknown.push(await time(`nobody${i}@example.com`, `9.9.8.${1 + i}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    // the old code answered an unknown e-mail without hashing: a small fraction of the known-user time
    process.env.CASHLINE_TEST_SCRYPT_LOG2N = testCost;
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.6);
  });
});

describe("throttle", () => {
  it("doubles the cool-down per failure after the free ones", () => {
    expect([3, 4, 5, 6, 7].map((f) => coolDownMs(f, THROTTLE.pair))).toEqual([0, 1000, 2000, 4000, 8000]);
    expect(coolDownMs(40, THROTTLE.pair)).toBe(15 * 60_000);
    expect(coolDownMs(1000, THROTTLE.account)).toBe(60_000);
  });

  it("a distributed guess slows the account by at most a minute, and not at all from the owner's known address", async () => {
    const email = "target@example.com";
    await recordAttempt(email, "203.0.113.1", true, ago(24 * 3600_000)); // the owner's office, yesterday
    for (let i = 0; i < 40; i++) await recordAttempt(email, `100.64.0.${i}`, false, ago(5000));
    const fresh = await throttleWaitMs(email, "198.51.100.77");
    expect(fresh).toBeGreaterThan(0);
    expect(fresh).toBeLessThanOrEqual(60_000);
    expect(await throttleWaitMs(email, "203.0.113.1")).toBe(0);
  });

  it("password spraying from one address is slowed across accounts", async () => {
    for (let i = 0; i < 25; i++) await recordAttempt(`spray${i}@example.com`, "5.5.5.5", false, ago(1000));
    expect(await throttleWaitMs("someone-else@example.com", "5.5.5.5")).toBeGreaterThan(0);
    expect(await throttleWaitMs("someone-else@example.com", "5.5.5.6")).toBe(0);
    // a person who signs in from that address as a rule (an office NAT) is not slowed by the others' failures
    await recordAttempt("regular@example.com", "5.5.5.5", true, ago(3600_000));
    expect(await throttleWaitMs("regular@example.com", "5.5.5.5")).toBe(0);
  });
});
