// An admin resets someone's password: the old password stops working at once, open sessions end, and a one-time
// link (1 hour) lets the person choose a new one.
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import { NO_PASSWORD } from "../auth/password.ts";
import { issuePasswordToken } from "./password-tokens.ts";
import type { Actor } from "./create-user.ts";

export async function resetUserPassword(id: string, actor: Actor) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw problem(404, `user ${id} not found`);
    if (!user.active) throw problem(409, "reactivate the user first");
    await tx.user.update({ where: { id }, data: { passwordHash: NO_PASSWORD, mustChangePassword: false, sessionVersion: { increment: 1 } } });
    const link = await issuePasswordToken(tx, id, "reset", actor?.id ?? null);
    await writeAudit({
      actorType: actor ? "user" : "system", actorId: actor?.id ?? null, actorLabel: actor?.email ?? "cli", action: "user.password_reset_issued",
      targetType: "User", targetId: id, details: { email: user.email, expiresAt: link.expiresAt },
    }, tx);
    return link;
  });
}
