// First and later single sign-on of a person: the identity provider vouches for who they are and (through the
// role claim) what they may do. The user row is found by the linked OIDC identity, else linked to the row with
// the same (provider-verified) e-mail, else created. Refusals and every change are audited.
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { NO_PASSWORD } from "../auth/password.ts";
import type { Role } from "../auth/roles.ts";

export type OidcIdentity = { subjectKey: string; email: string | null; emailVerified: boolean; name: string | null; role: Role | null; claimValue: unknown };
export type OidcSignInResult = { ok: true; userId: string; role: Role; created: boolean } | { ok: false; reason: string };

async function refuse(identity: OidcIdentity, reason: string): Promise<OidcSignInResult> {
  await writeAudit({
    actorType: "anonymous", actorLabel: identity.email ?? identity.subjectKey, action: "auth.sso_refused",
    details: { reason, subject: identity.subjectKey, roleClaim: identity.claimValue ?? null },
  });
  return { ok: false, reason };
}

export async function signInWithOidc(identity: OidcIdentity): Promise<OidcSignInResult> {
  const role = identity.role;
  if (!role) return refuse(identity, "the role claim maps to no Cashline role");
  const email = identity.email?.trim().toLowerCase() || null;
  if (!email) return refuse(identity, "the identity provider gave no e-mail address");

  return db.$transaction(async (tx) => {
    let user = await tx.user.findUnique({ where: { oidcSubject: identity.subjectKey } });
    let created = false;
    if (!user) {
      const sameEmail = await tx.user.findUnique({ where: { email } });
      if (sameEmail) {
        // Linking an existing account on an unverified e-mail would let anyone who can register that address at the
        // identity provider take the account over.
        if (!identity.emailVerified) return { ok: false as const, reason: "unverified e-mail matches an existing user" };
        if (sameEmail.oidcSubject) return { ok: false as const, reason: "this user is linked to another single sign-on identity" };
        user = await tx.user.update({ where: { id: sameEmail.id }, data: { oidcSubject: identity.subjectKey } });
        await writeAudit({ actorType: "user", actorId: user.id, actorLabel: email, action: "user.sso_linked", targetType: "User", targetId: user.id, details: { subject: identity.subjectKey } }, tx);
      } else {
        user = await tx.user.create({ data: { email, name: identity.name?.trim() || email, role, passwordHash: NO_PASSWORD, oidcSubject: identity.subjectKey } });
        created = true;
        await writeAudit({ actorType: "user", actorId: user.id, actorLabel: email, action: "user.created", targetType: "User", targetId: user.id, details: { via: "sso", role, subject: identity.subjectKey } }, tx);
      }
    }
    if (!user.active) return { ok: false as const, reason: "the user is deactivated" };
    if (user.role !== role) {
      await writeAudit({ actorType: "user", actorId: user.id, actorLabel: email, action: "user.role_changed", targetType: "User", targetId: user.id, details: { from: user.role, to: role, via: "sso" } }, tx);
    }
    await tx.user.update({ where: { id: user.id }, data: { role, lastSignInAt: new Date() } });
    await writeAudit({ actorType: "user", actorId: user.id, actorLabel: email, action: "auth.signed_in", details: { method: "sso", role } }, tx);
    return { ok: true as const, userId: user.id, role, created };
  }).then(async (r) => (r.ok ? r : refuse(identity, r.reason)));
}
