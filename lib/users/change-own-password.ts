// A signed-in person changes their own password (forced after a temporary password). The current password is
// asked again, so a session left open on someone's desk cannot take the account over. Other sessions end.
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import { checkPassword, hashPassword } from "../auth/password.ts";

export async function changeOwnPassword(userId: string, input: { currentPassword: string; newPassword: string }, ip: string | null = null) {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw problem(404, "user not found");
  if (!(await checkPassword(input.currentPassword, user.passwordHash)).ok) {
    await writeAudit({ actorType: "user", actorId: user.id, actorLabel: user.email, action: "user.password_change_failed", targetType: "User", targetId: user.id, ip });
    throw problem(422, "the current password is not right", { errors: [{ path: "body.currentPassword", message: "not right" }] });
  }
  if (input.newPassword === input.currentPassword) throw problem(422, "choose a password different from the current one", { errors: [{ path: "body.newPassword", message: "same as the current one" }] });
  if (input.newPassword.toLowerCase() === user.email.toLowerCase()) throw problem(422, "the password must not be the e-mail address", { errors: [{ path: "body.newPassword", message: "is the e-mail address" }] });
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), sessionVersion: { increment: 1 } },
    });
    await writeAudit({ actorType: "user", actorId: user.id, actorLabel: user.email, action: "user.password_changed", targetType: "User", targetId: user.id, ip }, tx);
  });
  return { email: user.email };
}
