// For server components: no session → redirect to sign-in (back to where the user was); a password that must be
// changed (temporary password) → the change-password page first; wrong role → 403 page.
import { forbidden, redirect } from "next/navigation";
import { canAccess, type Area } from "./roles.ts";
import { getSessionUser, type SessionUser } from "./session.ts";

export const CHANGE_PASSWORD_PATH = "/account/password";

export async function requirePageRole(area: Area, returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (user.mustChangePassword && returnTo !== CHANGE_PASSWORD_PATH) redirect(`${CHANGE_PASSWORD_PATH}?next=${encodeURIComponent(returnTo)}`);
  if (!canAccess(user.role, area)) forbidden();
  return user;
}
