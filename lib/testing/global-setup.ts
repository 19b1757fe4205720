// vitest global setup: a PostgreSQL server (the harness's, or an embedded one started here) and a migrated
// template database that each test file clones into a database of its own (see test-database.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, dropDatabase, startLocalPostgres } from "../db/local-postgres.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { derivedPassword, ensureAppDatabaseUrl } from "../db/app-role.ts";

export default async function setup() {
  let adminUrl = process.env.CASHLINE_TEST_ADMIN_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-vitest-"));
    const server = await startLocalPostgres({ dataDir: path.join(dir, "pg"), fresh: true });
    adminUrl = server.adminUrl;
    stop = async () => { await server.stop(); fs.rmSync(dir, { recursive: true, force: true }); };
  }
  const template = `cashline_template_${process.pid}`;
  await dropDatabase(adminUrl, template);
  await createDatabase(adminUrl, template);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  await migrateDatabase(templateUrl.toString());
  // The tests connect as the application's least-privilege role, like the web and the worker (test-database.ts).
  await ensureAppDatabaseUrl(templateUrl.toString(), derivedPassword(adminUrl));
  process.env.CASHLINE_TEST_ADMIN_URL = adminUrl;
  process.env.CASHLINE_TEST_TEMPLATE = template;
  return async () => {
    await dropDatabase(adminUrl!, template).catch(() => {});
    await stop?.();
  };
}
