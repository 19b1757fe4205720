// OpenID Connect single sign-on settings (from the environment) and the mapping of the identity provider's role
// claim to Cashline roles. A person whose claim maps to no role gets no access at all.
import { ROLES, type Role } from "./roles.ts";

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  scopes: string;
  roleClaim: string;
  roleMap: Map<string, Role>;
};

/** When several claim values map to roles, the widest wins (an admin who is also an analyst is an admin). */
const PRECEDENCE: readonly Role[] = ["ADMIN", "CONTROLLER", "TREASURY", "AR_ANALYST"];

/** "finance-admins=ADMIN, ar-team=AR_ANALYST"; unset → each Cashline role name maps to itself (any case). */
export function parseRoleMap(value: string | undefined): Map<string, Role> {
  const map = new Map<string, Role>();
  if (!value?.trim()) {
    for (const r of ROLES) map.set(r.toLowerCase(), r);
    return map;
  }
  for (const pair of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    const i = pair.lastIndexOf("=");
    const claim = pair.slice(0, i).trim();
    const role = pair.slice(i + 1).trim().toUpperCase();
    if (i <= 0 || !claim) throw new Error(`OIDC_ROLE_MAP: "${pair}" is not <claim value>=<role>`);
    if (!(ROLES as readonly string[]).includes(role)) throw new Error(`OIDC_ROLE_MAP: "${role}" is not one of ${ROLES.join(", ")}`);
    map.set(claim.toLowerCase(), role as Role);
  }
  return map;
}

/** Reads a claim by name, or by a dotted path for nested claims (e.g. "realm_access.roles"). */
export function readClaim(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  return name.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), claims);
}

export function mapRole(claimValue: unknown, roleMap: Map<string, Role>): Role | null {
  const values = (Array.isArray(claimValue) ? claimValue : [claimValue]).filter((v): v is string => typeof v === "string");
  const roles = new Set(values.map((v) => roleMap.get(v.trim().toLowerCase())).filter((r): r is Role => !!r));
  return PRECEDENCE.find((r) => roles.has(r)) ?? null;
}

export function readOidcConfig(env: Record<string, string | undefined> = process.env): OidcConfig | null {
  const issuer = env.OIDC_ISSUER?.trim().replace(/\/+$/, "");
  if (!issuer) return null;
  if (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) throw new Error("OIDC_ISSUER is set: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are needed too");
  return {
    issuer,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    name: env.OIDC_NAME?.trim() || "Single sign-on",
    scopes: env.OIDC_SCOPES?.trim() || "openid email profile",
    roleClaim: env.OIDC_ROLE_CLAIM?.trim() || "cashline_role",
    roleMap: parseRoleMap(env.OIDC_ROLE_MAP),
  };
}

/** The key a user row is linked by: issuer and subject (a `sub` is only unique per issuer). */
export const oidcSubjectKey = (issuer: string, sub: string) => `${issuer} ${sub}`;
