import { z } from "zod";
import { db } from "../db/client.ts";
import { ROLES } from "../auth/roles.ts";
import { NO_PASSWORD } from "../auth/password.ts";

export const userRowSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  lastSignInAt: z.string().nullable(),
  mustChangePassword: z.boolean(),
  hasPassword: z.boolean().describe("false: single sign-on only, or a one-time link not used yet"),
  sso: z.boolean().describe("linked to a single sign-on identity"),
});
export const listUsersResponse = z.object({ items: z.array(userRowSchema) });
export type UserRow = z.infer<typeof userRowSchema>;

type UserRecord = { id: string; email: string; name: string; role: (typeof ROLES)[number]; active: boolean; lastSignInAt: Date | null; mustChangePassword: boolean; passwordHash: string; oidcSubject: string | null };

export function toUserRow(u: UserRecord): UserRow {
  return {
    id: u.id, email: u.email, name: u.name, role: u.role, active: u.active, lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    mustChangePassword: u.mustChangePassword, hasPassword: u.passwordHash !== NO_PASSWORD, sso: !!u.oidcSubject,
  };
}

export async function listUsers() {
  const users = await db.user.findMany({ orderBy: { email: "asc" } });
  return { items: users.map(toUserRow) };
}
