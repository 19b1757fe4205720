// Finding 3: users existed only through the demo seed (one shared password); nobody could create, disable or
// change a user or a password. These walk the whole life of a user against the real database.
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { hashPassword } from "../auth/password.ts";
import { verifyCredentials } from "../auth/verify-credentials.ts";
import { sessionStillValid } from "../auth/session.ts";
import { ProblemError } from "../http/problem.ts";
import { createUser } from "./create-user.ts";
import { updateUser } from "./update-user.ts";
import { resetUserPassword } from "./reset-user-password.ts";
import { changeOwnPassword } from "./change-own-password.ts";
import { redeemPasswordToken } from "./password-tokens.ts";
import { runUsersCli } from "../cli/users.ts";

useFreshDatabase();

let admin: { id: string; email: string };
const tokenOf = (path: string) => new URL(path, "http://x").searchParams.get("token")!;
const status = async (p: Promise<unknown>) => p.then(() => 200, (e) => (e instanceof ProblemError ? e.problem.status : String(e)));
const signIn = (email: string, password: string, ip = "10.9.0.1") => verifyCredentials({ email, password }, ip);

beforeAll(async () => {
  const a = await getDb().user.create({ data: { email: "root@example.com", name: "Root", role: "ADMIN", passwordHash: await hashPassword("root-password-1") } });
  admin = { id: a.id, email: a.email };
});

describe("user administration", () => {
  it("invites a user with a one-time link: hashed at rest, sets the password once, then it is spent", async () => {
    const created = await createUser({ email: "New.Person@example.com".toLowerCase(), name: "New Person", role: "TREASURY" }, admin);
    expect(created.setPasswordLink?.path).toMatch(/^\/set-password\?token=/);
    const token = tokenOf(created.setPasswordLink!.path);
    const row = await getDb().passwordToken.findFirstOrThrow({ where: { userId: created.id } });
    expect(row.tokenHash).not.toContain(token);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    // no password works before the link is used
    expect((await signIn("new.person@example.com", "anything-at-all")).ok).toBe(false);
    await redeemPasswordToken({ token, newPassword: "my own passphrase" });
    expect(await signIn("new.person@example.com", "my own passphrase")).toMatchObject({ ok: true, user: { role: "TREASURY", mustChangePassword: false } });
    expect(await status(redeemPasswordToken({ token, newPassword: "another passphrase" }))).toBe(410);
    expect(await status(redeemPasswordToken({ token: "x".repeat(43), newPassword: "another passphrase" }))).toBe(410);
  });

  it("refuses an expired link", async () => {
    const created = await createUser({ email: "late@example.com", name: "Late", role: "AR_ANALYST" }, admin);
    await getDb().passwordToken.updateMany({ where: { userId: created.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await status(redeemPasswordToken({ token: tokenOf(created.setPasswordLink!.path), newPassword: "too late for this" }))).toBe(410);
  });

  it("a temporary password must be changed at first sign-in; the change ends the old session", async () => {
    const created = await createUser({ email: "temp@example.com", name: "Temp", role: "CONTROLLER", temporaryPassword: "temporary-pass-1" }, admin);
    expect(created.setPasswordLink).toBeNull();
    const first = await signIn("temp@example.com", "temporary-pass-1");
    expect(first).toMatchObject({ ok: true, user: { mustChangePassword: true } });
    const sv = first.ok ? first.user.sessionVersion : -1;
    expect(await status(changeOwnPassword(created.id, { currentPassword: "wrong", newPassword: "a brand new password" }))).toBe(422);
    await changeOwnPassword(created.id, { currentPassword: "temporary-pass-1", newPassword: "a brand new password" });
    const user = await getDb().user.findUniqueOrThrow({ where: { id: created.id } });
    expect(user.mustChangePassword).toBe(false);
    expect(sessionStillValid(user, sv)).toBe(false);
    expect((await signIn("temp@example.com", "temporary-pass-1")).ok).toBe(false);
    expect((await signIn("temp@example.com", "a brand new password")).ok).toBe(true);
  });

  it("deactivation refuses sign-in and ends open sessions; reactivation lets the person back in", async () => {
    const created = await createUser({ email: "leaver@example.com", name: "Leaver", role: "AR_ANALYST", temporaryPassword: "leaver-password" }, admin);
    const before = await getDb().user.findUniqueOrThrow({ where: { id: created.id } });
    expect(sessionStillValid(before, before.sessionVersion)).toBe(true);
    const row = await updateUser(created.id, { active: false }, admin);
    expect(row.active).toBe(false);
    const after = await getDb().user.findUniqueOrThrow({ where: { id: created.id } });
    expect(sessionStillValid(after, before.sessionVersion)).toBe(false);
    expect((await signIn("leaver@example.com", "leaver-password")).ok).toBe(false);
    await updateUser(created.id, { active: true, role: "TREASURY" }, admin);
    expect(await signIn("leaver@example.com", "leaver-password", "10.9.0.2")).toMatchObject({ ok: true, user: { role: "TREASURY" } });
  });

  it("a reset voids the old password and sessions, and issues a one-hour link", async () => {
    const created = await createUser({ email: "forgot@example.com", name: "Forgot", role: "TREASURY", temporaryPassword: "forgotten-pass" }, admin);
    const link = await resetUserPassword(created.id, admin);
    expect(new Date(link.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
    expect((await signIn("forgot@example.com", "forgotten-pass")).ok).toBe(false);
    await redeemPasswordToken({ token: tokenOf(link.path), newPassword: "remembered this time" });
    expect((await signIn("forgot@example.com", "remembered this time")).ok).toBe(true);
  });

  it("keeps at least one active admin, refuses duplicates and self-deactivation", async () => {
    expect(await status(updateUser(admin.id, { role: "TREASURY" }, admin))).toBe(409);
    expect(await status(updateUser(admin.id, { active: false }, admin))).toBe(409);
    expect(await status(createUser({ email: "root@example.com", name: "Again", role: "ADMIN" }, admin))).toBe(409);
    expect(await status(updateUser("no-such-user", { name: "x" }, admin))).toBe(404);
  });

  it("audits every action", async () => {
    const actions = new Set((await getDb().auditLog.findMany({ where: { targetType: "User" } })).map((a) => a.action));
    for (const a of ["user.created", "user.password_set", "user.password_changed", "user.password_change_failed", "user.deactivated", "user.reactivated", "user.role_changed", "user.password_reset_issued"]) {
      expect(actions, a).toContain(a);
    }
  });
});

describe("cashline users create-admin", () => {
  it("creates the first admin of a deployment and prints a one-time link", async () => {
    const out: string[] = [];
    const code = await runUsersCli(["create-admin", "--email", "First.Admin@example.com", "--name", "First Admin"], { write: (s) => out.push(s), baseUrl: "https://cash.example.com" });
    expect(code).toBe(0);
    const link = out.join("").match(/https:\/\/cash\.example\.com\/set-password\?token=\S+/)?.[0];
    expect(link).toBeTruthy();
    await redeemPasswordToken({ token: new URL(link!).searchParams.get("token")!, newPassword: "first admin password" });
    expect(await signIn("first.admin@example.com", "first admin password")).toMatchObject({ ok: true, user: { role: "ADMIN" } });
    expect(await runUsersCli(["create-admin"], { write: () => {} })).toBe(2);
  });
});
