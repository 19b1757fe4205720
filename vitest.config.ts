import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["{lib,jobs,app,components,scripts,bin}/**/*.test.ts"],
    globalSetup: ["./lib/testing/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: true,
    // Cheaper scrypt for tests only (lib/auth/password.ts honours it only under vitest); production cost is tested.
    env: { CASHLINE_TEST_SCRYPT_LOG2N: "12" },
  },
});
