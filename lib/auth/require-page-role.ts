// For server components: no session → redirect to sign-in (back to where the user was); wrong role → 403 page.
import { forbidden, redirect } from "next/navigation";
import { canAccess, type Area } from "./roles.ts";
import { getSessionUser, type SessionUser } from "./session.ts";

export async function requirePageRole(area: Area, returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!canAccess(user.role, area)) forbidden();
  return user;
}
