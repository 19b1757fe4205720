import { z } from "zod";
import { db } from "../db/client.ts";
import { ROLES } from "../auth/roles.ts";

export const userRowSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  lastSignInAt: z.string().nullable(),
});
export const listUsersResponse = z.object({ items: z.array(userRowSchema) });

export async function listUsers() {
  const users = await db.user.findMany({ orderBy: { email: "asc" } });
  return {
    items: users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, active: u.active, lastSignInAt: u.lastSignInAt?.toISOString() ?? null })),
  };
}
