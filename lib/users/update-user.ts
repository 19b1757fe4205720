// An admin renames a user, changes their role, or deactivates / reactivates them. Deactivation raises the
// session version, so the person's open sessions stop working on their next request. The last active admin can
// neither be deactivated nor lose the role (nobody could administer users any more).
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import type { Role } from "../auth/roles.ts";
import { toUserRow } from "./list-users.ts";

export async function updateUser(id: string, change: { name?: string; role?: Role; active?: boolean }, actor: { id: string; email: string }) {
  return db.$transaction(async (tx) => {
    // Serialise admin changes, so two admins demoting each other cannot leave no admin at all.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('cashline.user-admin'))`;
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw problem(404, `user ${id} not found`);
    const losesAdmin = user.role === "ADMIN" && user.active && ((change.role && change.role !== "ADMIN") || change.active === false);
    if (losesAdmin) {
      const admins = await tx.user.count({ where: { role: "ADMIN", active: true } });
      if (admins <= 1) throw problem(409, "this is the last active admin: make someone else admin first");
    }
    if (change.active === false && id === actor.id) throw problem(409, "you cannot deactivate yourself");
    const updated = await tx.user.update({
      where: { id },
      data: { ...change, ...(change.active === false && user.active ? { sessionVersion: { increment: 1 } } : {}) },
    });
    const audits: [string, Record<string, unknown>][] = [];
    if (change.name !== undefined && change.name !== user.name) audits.push(["user.renamed", { from: user.name, to: change.name }]);
    if (change.role && change.role !== user.role) audits.push(["user.role_changed", { from: user.role, to: change.role }]);
    if (change.active === false && user.active) audits.push(["user.deactivated", {}]);
    if (change.active === true && !user.active) audits.push(["user.reactivated", {}]);
    for (const [action, details] of audits) {
      await writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action, targetType: "User", targetId: id, details: { email: user.email, ...details } }, tx);
    }
    return toUserRow(updated);
  });
}
