// The next-auth side of single sign-on: the provider definition (discovery from OIDC_ISSUER, authorization code
// flow with PKCE and state, ID token validated by openid-client) and the two callbacks' work.
import type { Account } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { db } from "../db/client.ts";
import { mapRole, oidcSubjectKey, readClaim, readOidcConfig } from "./oidc-config.ts";
import { signInWithOidc } from "../users/sign-in-with-oidc.ts";

export const OIDC_PROVIDER_ID = "oidc";

type Claims = Record<string, unknown> & { sub: string };

export function oidcProviders(): OAuthConfig<Claims>[] {
  const cfg = readOidcConfig();
  if (!cfg) return [];
  return [{
    id: OIDC_PROVIDER_ID,
    name: cfg.name,
    type: "oauth",
    wellKnown: `${cfg.issuer}/.well-known/openid-configuration`,
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret,
    authorization: { params: { scope: cfg.scopes } },
    idToken: true, // the profile is the validated ID token's claims (the role claim must be in it)
    checks: ["pkce", "state"],
    profile: (p) => ({ id: p.sub, email: typeof p.email === "string" ? p.email : null, name: typeof p.name === "string" ? p.name : null }),
  }];
}

/** Turns the ID token's claims into the identity signInWithOidc works on. */
export function identityFromClaims(claims: Record<string, unknown>, cfg = readOidcConfig()!) {
  const claimValue = readClaim(claims, cfg.roleClaim);
  return {
    subjectKey: oidcSubjectKey(cfg.issuer, String(claims.sub)),
    email: typeof claims.email === "string" ? claims.email : null,
    emailVerified: claims.email_verified === true,
    name: typeof claims.name === "string" ? claims.name : null,
    role: mapRole(claimValue, cfg.roleMap),
    claimValue,
  };
}

export async function oidcSignIn(account: Account, profile: Record<string, unknown> | undefined): Promise<boolean> {
  if (account.provider !== OIDC_PROVIDER_ID || !profile?.sub) return false;
  return (await signInWithOidc(identityFromClaims(profile))).ok;
}

/** The user row a fresh SSO session belongs to (written by oidcSignIn just before). */
export async function oidcUserForToken(account: Account) {
  const cfg = readOidcConfig();
  if (!cfg || account.provider !== OIDC_PROVIDER_ID) return null;
  const user = await db.user.findUnique({ where: { oidcSubject: oidcSubjectKey(cfg.issuer, account.providerAccountId) } });
  return user?.active ? { id: user.id, role: user.role, sessionVersion: user.sessionVersion } : null;
}
