// Who is calling an API route: a signed-in person (session cookie) or a machine client (API key, issue 3).
import type { Role } from "../auth/roles.ts";
import { getSessionUser, type SessionUser } from "../auth/session.ts";
import type { Access } from "./operation.ts";

export type Principal =
  | { kind: "user"; user: SessionUser; label: string }
  | { kind: "api_key"; keyId: string; system: string; scopes: string[]; label: string };

export async function resolvePrincipal(req: Request, access: Access): Promise<Principal | null> {
  if (access.kind === "public") return null;
  const auth = req.headers.get("authorization");
  if (access.kind === "api_key" && auth?.startsWith("Bearer ")) {
    const { authenticateApiKey } = await import("../api-keys/authenticate-api-key.ts");
    return authenticateApiKey(auth.slice("Bearer ".length).trim(), access.scope);
  }
  const user = await getSessionUser();
  return user ? { kind: "user", user, label: `role ${user.role}` } : null;
}

export function canAccessRoles(p: Principal, access: Access): boolean {
  if (access.kind === "public") return true;
  if (p.kind === "api_key") return access.kind === "api_key" && p.scopes.includes(access.scope);
  const roles: readonly Role[] | undefined = access.roles;
  return !!roles && roles.includes(p.user.role);
}
