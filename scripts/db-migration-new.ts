// `npm run db:migration:new -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL
// that takes the schema as of the last migration (kept in prisma/migrations/schema.snapshot.prisma) to the
// current prisma/schema.prisma. Hand-written SQL (partial indexes, …) may be appended to the file afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { startLocalPostgres } from "../lib/db/local-postgres.ts";
import { MIGRATIONS_DIR } from "../lib/db/migrate.ts";
import { diffSchemas } from "./lib/schema-engine.ts";

const args = z.tuple([z.string().regex(/^[a-z0-9_]+$/, "migration name: lower-case letters, digits and _")]).safeParse(process.argv.slice(2));
if (!args.success) {
  console.error(`usage: npm run db:migration:new -- <name>   (${args.error.issues[0]?.message})`);
  process.exit(2);
}
const [name] = args.data;
const schemaPath = path.resolve(import.meta.dirname, "../prisma/schema.prisma");
const snapshotPath = path.join(MIGRATIONS_DIR, "schema.snapshot.prisma");
const current = fs.readFileSync(schemaPath, "utf8");
const previous = fs.existsSync(snapshotPath) ? fs.readFileSync(snapshotPath, "utf8") : null;

// The engine wants a live PostgreSQL connection even to diff two schema files: use a throwaway server.
const server = await startLocalPostgres({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "cashline-diff-")) + "/pg", fresh: true });
try {
  const sql = await diffSchemas(server.adminUrl, previous, current);
  if (!sql.trim() || /^-- This is an empty migration\.\s*$/.test(sql.trim())) {
    console.log("schema unchanged since the last migration: nothing to write");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    fs.writeFileSync(snapshotPath, current);
    fs.writeFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), 'provider = "postgresql"\n');
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await server.stop();
}
