// Gives a test file a fresh database of its own, cloned from the migrated template (fast: a file copy), and
// points DATABASE_URL (and so `db`) at it. Call at the top of an integration test file.
import crypto from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { createDatabase, dropDatabase } from "../db/local-postgres.ts";
import { disconnectDb } from "../db/client.ts";

export function databaseUrlFor(name: string): string {
  const url = new URL(process.env.CASHLINE_TEST_ADMIN_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createFreshDatabase(): Promise<{ name: string; url: string }> {
  const admin = process.env.CASHLINE_TEST_ADMIN_URL;
  const template = process.env.CASHLINE_TEST_TEMPLATE;
  if (!admin || !template) throw new Error("test database not prepared: run through vitest (lib/testing/global-setup.ts)");
  const name = `t_${crypto.randomBytes(6).toString("hex")}`;
  await createDatabase(admin, name, template);
  return { name, url: databaseUrlFor(name) };
}

export function useFreshDatabase(): { url: () => string } {
  let created: { name: string; url: string } | undefined;
  beforeAll(async () => {
    created = await createFreshDatabase();
    await disconnectDb();
    process.env.DATABASE_URL = created.url;
  });
  afterAll(async () => {
    await disconnectDb();
    if (created) await dropDatabase(process.env.CASHLINE_TEST_ADMIN_URL!, created.name).catch(() => {});
  });
  return { url: () => created!.url };
}
