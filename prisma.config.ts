import { defineConfig } from "prisma/config";

// Used by `prisma generate` (see scripts/prisma-generate.ts). Migrations are applied by scripts/db-migrate.ts,
// which needs no native engine download (see README: Database).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
