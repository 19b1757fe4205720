// The application connects as a least-privilege LOGIN role, never as the owner that runs migrations: a member of
// the NOLOGIN group `cashline_app` (created and granted by the migrations: all application tables, but on the
// audit log only SELECT and INSERT). Given the owner's URL, ensureAppDatabaseUrl makes sure the login role exists
// with the given password and returns the application's URL (same server and database, the login role's
// credentials). Roles are cluster-wide and several processes or test databases may start at once: idempotent.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { canConnect } from "./local-postgres.ts";

export const APP_GROUP_ROLE = "cashline_app";
export const APP_LOGIN_ROLE = "cashline_app_login";

/** `url` with the user name and password replaced. */
export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** A password kept in a file of its own (mode 0600), generated on first use: the demo's, per data folder. */
export function passwordFromFile(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, crypto.randomBytes(24).toString("hex"), { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e; // another process wrote it first: use theirs
  }
  return fs.readFileSync(file, "utf8").trim();
}

/**
 * A password derived from the owner's URL (which carries the owner's password): test runs sharing one server
 * agree on it without a file, and it is no easier to learn than the owner's credentials it derives from.
 */
export function derivedPassword(ownerUrl: string): string {
  return crypto.createHash("sha256").update(`cashline-app-login\0${ownerUrl}`).digest("hex").slice(0, 40);
}

const RACE_CODES = new Set(["42710", "23505", "XX000"]); // duplicate_object, unique_violation, "tuple concurrently updated"

export async function ensureAppDatabaseUrl(ownerUrl: string, password: string): Promise<string> {
  const appUrl = withCredentials(ownerUrl, APP_LOGIN_ROLE, password);
  if (await canConnect(appUrl, 5_000)) return appUrl;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const exists = async (role: string) => (await client.query("select 1 from pg_roles where rolname = $1", [role])).rowCount === 1;
        if (!(await exists(APP_GROUP_ROLE))) await client.query(`create role ${APP_GROUP_ROLE} nologin`);
        const secret = client.escapeLiteral(password);
        if (await exists(APP_LOGIN_ROLE)) await client.query(`alter role ${APP_LOGIN_ROLE} login password ${secret}`);
        else await client.query(`create role ${APP_LOGIN_ROLE} login password ${secret} in role ${APP_GROUP_ROLE}`);
        await client.query(`grant ${APP_GROUP_ROLE} to ${APP_LOGIN_ROLE}`);
        break;
      } catch (e) {
        if (attempt >= 3 || !RACE_CODES.has((e as { code?: string }).code ?? "")) throw e;
        await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
      }
    }
  } finally {
    await client.end();
  }
  return appUrl;
}

/** Whether the URL's user is a superuser: the application should never run as one. */
export async function isSuperuser(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ s: boolean }>("select rolsuper as s from pg_roles where rolname = current_user");
    return rows[0]?.s === true;
  } finally {
    await client.end();
  }
}
