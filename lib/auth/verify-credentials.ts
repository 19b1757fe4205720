// The one place a person's e-mail and password become a signed-in user (or a refusal), with throttling and audit.
import { z } from "zod";
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { verifyPassword } from "./password.ts";
import { isThrottled, recordAttempt } from "./throttle.ts";
import type { Role } from "./roles.ts";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(200),
});

export type SignedInUser = { id: string; email: string; name: string; role: Role };
export type CredentialsResult = { ok: true; user: SignedInUser } | { ok: false; reason: "invalid" | "throttled" };

export async function verifyCredentials(input: unknown, ip: string): Promise<CredentialsResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  if (await isThrottled(email, ip)) {
    await writeAudit({ actorType: "anonymous", actorLabel: email, action: "auth.sign_in_throttled", ip });
    return { ok: false, reason: "throttled" };
  }
  const user = await db.user.findUnique({ where: { email } });
  const ok = !!user && user.active && (await verifyPassword(password, user.passwordHash));
  await recordAttempt(email, ip, ok);
  if (!ok || !user) {
    await writeAudit({ actorType: "anonymous", actorLabel: email, action: "auth.sign_in_failed", ip });
    return { ok: false, reason: "invalid" };
  }
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await writeAudit({ actorType: "user", actorId: user.id, actorLabel: user.email, action: "auth.signed_in", ip });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
