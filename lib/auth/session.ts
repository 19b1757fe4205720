// Who is asking, from the session cookie, re-checked against the database on every request so a deactivated
// user, a changed role or a changed/reset password (sessionVersion raised) takes effect at once rather than when
// the JWT expires.
import { getServerSession } from "next-auth";
import { db } from "../db/client.ts";
import { authOptions } from "./options.ts";
import type { Role } from "./roles.ts";

export type SessionUser = { id: string; email: string; name: string; role: Role; writeOffLimitMinor: bigint; mustChangePassword: boolean };

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const claims = session?.user as { id?: string; sv?: number } | undefined;
  if (!claims?.id) return null;
  const user = await db.user.findUnique({ where: { id: claims.id } });
  if (!user || !sessionStillValid(user, claims.sv)) return null;
  return {
    id: user.id, email: user.email, name: user.name, role: user.role, writeOffLimitMinor: user.writeOffLimitMinor,
    mustChangePassword: user.mustChangePassword,
  };
}

/** A session lives while its user is active and no password change, reset or deactivation came after it. */
export function sessionStillValid(user: { active: boolean; sessionVersion: number }, tokenVersion: number | undefined): boolean {
  return user.active && (tokenVersion ?? 0) === user.sessionVersion;
}
