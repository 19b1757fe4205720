// The one place a person's e-mail and password become a signed-in user (or a refusal), with throttling and audit.
// Every refusal for a bad password costs one scrypt, whether the account exists, is deactivated, has no password
// (SSO, invitation pending) or does not exist at all: the answer time must not tell them apart.
import { z } from "zod";
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { checkPassword, dummyVerify, hashPassword } from "./password.ts";
import { recordAttempt, throttleWaitMs } from "./throttle.ts";
import type { Role } from "./roles.ts";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(200),
});

export type SignedInUser = { id: string; email: string; name: string; role: Role; sessionVersion: number; mustChangePassword: boolean };
export type CredentialsResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

export async function verifyCredentials(input: unknown, ip: string): Promise<CredentialsResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const waitMs = await throttleWaitMs(email, ip);
  if (waitMs > 0) {
    await writeAudit({ actorType: "anonymous", actorLabel: email, action: "auth.sign_in_throttled", ip, details: { retryAfterMs: waitMs } });
    return { ok: false, reason: "throttled", retryAfterMs: waitMs };
  }
  const user = await db.user.findUnique({ where: { email } });
  let ok = false;
  if (user) {
    const check = await checkPassword(password, user.passwordHash);
    ok = check.ok && user.active;
    // Hashes made at an older, cheaper cost are replaced while the password is at hand.
    if (ok && check.needsRehash) await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  } else {
    await dummyVerify(password);
  }
  await recordAttempt(email, ip, ok);
  if (!ok || !user) {
    await writeAudit({ actorType: "anonymous", actorLabel: email, action: "auth.sign_in_failed", ip });
    return { ok: false, reason: "invalid" };
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await writeAudit({ actorType: "user", actorId: user.id, actorLabel: user.email, action: "auth.signed_in", ip, details: { method: "password" } }, tx);
  });
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion, mustChangePassword: user.mustChangePassword },
  };
}
