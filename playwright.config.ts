// Browser tests run against the production build (`next start`), never the dev server. `npm test` prepares a
// seeded database and passes it in E2E_DATABASE_URL.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");

export default defineConfig({
  testDir: "e2e",
  outputDir: `test-results/e2e${process.env.E2E_PORT ? `-${process.env.E2E_PORT}` : ""}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: process.env.E2E_JSON ?? "test-results/e2e-results.json" }], ["html", { outputFolder: `playwright-report${process.env.E2E_PORT ? `-${process.env.E2E_PORT}` : ""}`, open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    },
  },
  webServer: {
    command: `node_modules/.bin/next start -p ${port}`,
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-secret-0123456789abcdef",
      NEXTAUTH_URL: baseURL,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_e2e_test_secret",
      CASHLINE_ENCRYPTION_KEY: process.env.CASHLINE_ENCRYPTION_KEY ?? "ZTJlLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc=",
    },
  },
});
