// One-time links to set a password (invitation of a new user, reset by an admin, first admin from the CLI).
// The token is 256 random bits shown once; only its SHA-256 is stored. It expires (invitation 24 h, reset 1 h) and
// works once: redeeming marks it used in the same statement that checks it, so two tabs cannot both use it.
import crypto from "node:crypto";
import { db, Prisma } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import { hashPassword } from "../auth/password.ts";

export const TOKEN_LIFETIME_MS = { invite: 24 * 3600_000, reset: 3600_000 } as const;
export type TokenPurpose = keyof typeof TOKEN_LIFETIME_MS;

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");
export const setPasswordPath = (token: string) => `/set-password?token=${encodeURIComponent(token)}`;

type Tx = Prisma.TransactionClient;

/** Issues a link for `userId` (earlier unused links of the user stop working). Call inside the caller's transaction. */
export async function issuePasswordToken(tx: Tx, userId: string, purpose: TokenPurpose, createdById: string | null) {
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + TOKEN_LIFETIME_MS[purpose]);
  await tx.passwordToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
  await tx.passwordToken.create({ data: { userId, tokenHash: hashToken(token), purpose, expiresAt, createdById } });
  return { path: setPasswordPath(token), expiresAt: expiresAt.toISOString() };
}

/** Sets the password through a link: valid, unexpired and unused, or nothing happens. */
export async function redeemPasswordToken(input: { token: string; newPassword: string }, ip: string | null = null) {
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.passwordToken.updateManyAndReturn({
      where: { tokenHash: hashToken(input.token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    const row = claimed[0];
    if (!row) throw problem(410, "this link is not valid any more (used, expired or replaced): ask an administrator for a new one");
    const user = await tx.user.findUniqueOrThrow({ where: { id: row.userId } });
    if (!user.active) throw problem(403, "this user is deactivated");
    if (user.email.toLowerCase() === input.newPassword.toLowerCase()) throw problem(422, "the password must not be the e-mail address");
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: now, sessionVersion: { increment: 1 } },
    });
    await writeAudit({ actorType: "user", actorId: user.id, actorLabel: user.email, action: "user.password_set", targetType: "User", targetId: user.id, details: { via: row.purpose }, ip }, tx);
    return { email: user.email };
  });
}
