// Gives a test file a fresh database of its own, cloned from the migrated template (fast: a file copy), and
// points DATABASE_URL (and so `db`) at it, as the application's least-privilege role (like the web and the worker
// in production); `ownerUrl()` is the owner's, for what only a test does (tampering, DDL). Call at the top of an
// integration test file.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createDatabase, dropDatabase } from "../db/local-postgres.ts";
import { disconnectDb } from "../db/client.ts";
import { APP_LOGIN_ROLE, derivedPassword, withCredentials } from "../db/app-role.ts";

export function databaseUrlFor(name: string): string {
  const url = new URL(process.env.CASHLINE_TEST_ADMIN_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The application role's URL of a test database (global-setup created the role with this password). */
export function appUrlFor(name: string): string {
  return withCredentials(databaseUrlFor(name), APP_LOGIN_ROLE, derivedPassword(process.env.CASHLINE_TEST_ADMIN_URL!));
}

export async function createFreshDatabase(): Promise<{ name: string; url: string; ownerUrl: string }> {
  const admin = process.env.CASHLINE_TEST_ADMIN_URL;
  const template = process.env.CASHLINE_TEST_TEMPLATE;
  if (!admin || !template) throw new Error("test database not prepared: run through vitest (lib/testing/global-setup.ts)");
  const name = `t_${crypto.randomBytes(6).toString("hex")}`;
  await createDatabase(admin, name, template);
  return { name, url: appUrlFor(name), ownerUrl: databaseUrlFor(name) };
}

/** Runs SQL as the owner of a test database: for what the application role may not do (DDL in a test). */
export async function queryAsOwner(ownerUrl: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

export function useFreshDatabase(): { url: () => string; ownerUrl: () => string; asOwner: (sql: string, params?: unknown[]) => Promise<pg.QueryResult> } {
  let created: { name: string; url: string; ownerUrl: string } | undefined;
  beforeAll(async () => {
    created = await createFreshDatabase();
    await disconnectDb();
    process.env.DATABASE_URL = created.url;
  });
  afterAll(async () => {
    await disconnectDb();
    if (created) await dropDatabase(process.env.CASHLINE_TEST_ADMIN_URL!, created.name).catch(() => {});
  });
  return { url: () => created!.url, ownerUrl: () => created!.ownerUrl, asOwner: (sql, params) => queryAsOwner(created!.ownerUrl, sql, params) };
}
