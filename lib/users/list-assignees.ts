// People a case can be assigned or escalated to: active users whose role works exceptions.
import { z } from "zod";
import { db } from "../db/client.ts";
import { AREAS, ROLES, type Role } from "../auth/roles.ts";

export const listAssigneesResponse = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(ROLES), writeOffLimitMinor: z.string() })),
});
export type Assignee = z.infer<typeof listAssigneesResponse>["items"][number];

export async function listAssignees(): Promise<z.infer<typeof listAssigneesResponse>> {
  const users = await db.user.findMany({ where: { active: true, role: { in: [...AREAS.exceptions] as Role[] } }, orderBy: { name: "asc" } });
  return { items: users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, writeOffLimitMinor: String(u.writeOffLimitMinor) })) };
}
