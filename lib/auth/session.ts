// Who is asking, from the session cookie, re-checked against the database so a deactivated user or a changed
// role takes effect at once rather than when the JWT expires.
import { getServerSession } from "next-auth";
import { db } from "../db/client.ts";
import { authOptions } from "./options.ts";
import type { Role } from "./roles.ts";

export type SessionUser = { id: string; email: string; name: string; role: Role; writeOffLimitMinor: bigint };

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await db.user.findUnique({ where: { id } });
  if (!user || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, writeOffLimitMinor: user.writeOffLimitMinor };
}
