// An admin (or the CLI, for the first admin) creates a user with a role. The person gets either a one-time link
// to choose their password, or a temporary password the admin tells them, which must be changed at first sign-in.
import { db, Prisma } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import { hashPassword, NO_PASSWORD } from "../auth/password.ts";
import type { Role } from "../auth/roles.ts";
import { issuePasswordToken } from "./password-tokens.ts";

export type Actor = { id: string; email: string } | null; // null: the command line (no signed-in user)

export async function createUser(input: { email: string; name: string; role: Role; temporaryPassword?: string }, actor: Actor) {
  const passwordHash = input.temporaryPassword ? await hashPassword(input.temporaryPassword) : NO_PASSWORD;
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash, mustChangePassword: !!input.temporaryPassword },
      });
      const link = input.temporaryPassword ? null : await issuePasswordToken(tx, user.id, "invite", actor?.id ?? null);
      await writeAudit({
        actorType: actor ? "user" : "system", actorId: actor?.id ?? null, actorLabel: actor?.email ?? "cli", action: "user.created",
        targetType: "User", targetId: user.id,
        details: { email: user.email, role: user.role, via: actor ? "admin" : "cli", credential: link ? "one-time link" : "temporary password" },
      }, tx);
      return { id: user.id, email: user.email, setPasswordLink: link };
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw problem(409, `a user with e-mail ${input.email} already exists`);
    throw err;
  }
}
