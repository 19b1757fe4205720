// `cashline users create-admin --email ADDRESS [--name NAME]` and `cashline users reset-password --email ADDRESS`:
// how a deployment without the demo seed gets its first admin (and how an admin locked out of their own password
// gets back in). Prints a one-time link (24 h for a new admin, 1 h for a reset); nothing secret is stored.
import { z } from "zod";
import { openCliDatabase } from "./cli-database.ts";

const USAGE = "usage: cashline users create-admin --email ADDRESS [--name NAME]\n       cashline users reset-password --email ADDRESS";
const Args = z.object({
  command: z.enum(["create-admin", "reset-password"]),
  email: z.string().trim().toLowerCase().email("--email must be an e-mail address"),
  name: z.string().trim().min(1).max(120).optional(),
});

type Io = { write: (s: string) => void; baseUrl?: string };

export async function runUsersCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  const raw: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const m = rest[i]!.match(/^--(email|name)(?:=(.*))?$/);
    if (!m) { io.write(`unknown argument ${rest[i]}\n${USAGE}\n`); return 2; }
    raw[m[1]!] = m[2] ?? rest[++i] ?? "";
  }
  const args = Args.safeParse({ command, ...raw });
  if (!args.success) { io.write(`${args.error.issues[0]?.message}\n${USAGE}\n`); return 2; }
  const base = (io.baseUrl ?? process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
  const { db } = await import("../db/client.ts");
  const { createUser } = await import("../users/create-user.ts");
  const { resetUserPassword } = await import("../users/reset-user-password.ts");
  const { email, name } = args.data;
  if (args.data.command === "create-admin") {
    const created = await createUser({ email, name: name ?? email, role: "ADMIN" }, null);
    io.write(`admin ${created.email} created. One-time link to choose a password (valid until ${created.setPasswordLink!.expiresAt}):\n${base}${created.setPasswordLink!.path}\n`);
    return 0;
  }
  const user = await db.user.findUnique({ where: { email } });
  if (!user) { io.write(`no user ${email}\n`); return 1; }
  const link = await resetUserPassword(user.id, null);
  io.write(`password of ${email} reset. One-time link (valid until ${link.expiresAt}):\n${base}${link.path}\n`);
  return 0;
}

export async function run(argv: string[]): Promise<number> {
  const { close: stop } = await openCliDatabase();
  const { disconnectDb } = await import("../db/client.ts");
  try {
    return await runUsersCli(argv, { write: (s) => process.stdout.write(s) });
  } catch (err) {
    process.stderr.write(`cashline users: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    await disconnectDb();
    await stop();
  }
}
