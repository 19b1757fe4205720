// `prisma generate` needs no schema engine, but the CLI tries to download one first (it cannot, offline).
// Pointing PRISMA_SCHEMA_ENGINE_BINARY at an existing file skips the download. Never use this for migrate.
import { spawnSync } from "node:child_process";

const result = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
process.exit(result.status ?? 1);
