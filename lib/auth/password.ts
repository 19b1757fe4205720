// Password hashing with scrypt (memory-hard, in Node's crypto: no native add-on to build).
// Format: scrypt$N$r$p$salt$hash (base64url): every hash carries its own cost, so the cost can be raised and old
// hashes still verify — and are rehashed at the new cost on the next successful sign-in (needsRehash).
import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

export type ScryptParams = { N: number; r: number; p: number };
/** OWASP's scrypt recommendation (N=2^17, r=8, p=1): 128 MiB and a few hundred milliseconds per hash. */
export const PRODUCTION_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const LEN = 32;
const MAX_N = 2 ** 20;

/**
 * The cost new hashes get. A lower cost is possible ONLY inside vitest (VITEST set) through the explicitly named
 * CASHLINE_TEST_SCRYPT_LOG2N, so the test suite is not slowed by hundreds of 128 MiB hashes; a server never
 * reads it.
 */
export function currentScryptParams(): ScryptParams {
  const testLog2N = process.env.VITEST ? Number(process.env.CASHLINE_TEST_SCRYPT_LOG2N) : NaN;
  if (Number.isInteger(testLog2N) && testLog2N >= 10 && testLog2N < 17) return { ...PRODUCTION_SCRYPT, N: 2 ** testLog2N };
  return PRODUCTION_SCRYPT;
}

/** scrypt needs 128·N·r bytes; Node refuses above `maxmem` (32 MiB by default), so allow that plus headroom. */
const maxmemFor = ({ N, r, p }: ScryptParams) => 128 * N * r + 128 * r * p + 16 * 1024 * 1024;

export async function hashPassword(password: string, params: ScryptParams = currentScryptParams()): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, LEN, { ...params, maxmem: maxmemFor(params) });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

function parse(stored: string): (ScryptParams & { salt: Buffer; hash: Buffer }) | null {
  const [scheme, n, r, p, salt, hash, extra] = stored.split("$");
  const N = Number(n), R = Number(r), P = Number(p);
  if (scheme !== "scrypt" || extra !== undefined || !salt || !hash) return null;
  // Powers of two only, within sane bounds (a corrupt row must not make us allocate gigabytes).
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0) return null;
  if (!Number.isInteger(R) || R < 1 || R > 32 || !Number.isInteger(P) || P < 1 || P > 16) return null;
  return { N, r: R, p: P, salt: Buffer.from(salt, "base64url"), hash: Buffer.from(hash, "base64url") };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  return (await checkPassword(password, stored)).ok;
}

/** Verifies, and says whether the stored hash is below today's cost (the caller then stores a fresh hash). */
export async function checkPassword(password: string, stored: string): Promise<{ ok: boolean; needsRehash: boolean }> {
  const parsed = parse(stored);
  if (!parsed || parsed.hash.length !== LEN) {
    await dummyVerify(password); // no usable hash (SSO-only or invited user): spend the same time anyway
    return { ok: false, needsRehash: false };
  }
  const actual = await scrypt(password, parsed.salt, LEN, { N: parsed.N, r: parsed.r, p: parsed.p, maxmem: maxmemFor(parsed) });
  const ok = crypto.timingSafeEqual(parsed.hash, actual);
  const want = currentScryptParams();
  return { ok, needsRehash: ok && (parsed.N < want.N || parsed.r !== want.r || parsed.p !== want.p) };
}

let dummy: { N: number; hash: Promise<string> } | undefined;
/**
 * A sign-in for an e-mail nobody has must cost what a real one costs, or the answer time tells which accounts
 * exist: verify against a hash of a random password made once per process at the current cost.
 */
export async function dummyVerify(password: string): Promise<void> {
  const params = currentScryptParams();
  if (dummy?.N !== params.N) dummy = { N: params.N, hash: hashPassword(crypto.randomBytes(18).toString("base64url"), params) };
  const parsed = parse(await dummy.hash)!;
  const actual = await scrypt(password, parsed.salt, LEN, { N: parsed.N, r: parsed.r, p: parsed.p, maxmem: maxmemFor(parsed) });
  crypto.timingSafeEqual(parsed.hash, actual);
}

/** What goes into passwordHash for a user who has no password (yet): never verifies, never parses. */
export const NO_PASSWORD = "!none";
