// Browser tests run against the production build (`next start`), never the dev server. `npm test` prepares a
// seeded database and passes it in E2E_DATABASE_URL.
import net from "node:net";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");

// Single sign-on: e2e/user-admin-sso.spec.ts starts a real OpenID Connect provider (lib/testing/oidc-provider.ts)
// on this port; the web server is configured for it. Chosen once here (a free port) and handed to the workers
// through the environment, which they inherit.
const freePort = () => new Promise<number>((resolve, reject) => {
  const s = net.createServer().once("error", reject).listen(0, "127.0.0.1", () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)); });
});
process.env.E2E_OIDC_PORT ??= String(await freePort());
const oidcIssuer = `http://127.0.0.1:${process.env.E2E_OIDC_PORT}`;

// One key for the web and every worker a spec starts (they inherit this process's environment): sealed webhook
// secrets must open in both.
process.env.CASHLINE_ENCRYPTION_KEY ??= "ZTJlLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc=";

export default defineConfig({
  testDir: "e2e",
  outputDir: `test-results/e2e${process.env.E2E_PORT ? `-${process.env.E2E_PORT}` : ""}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  // A sign-in costs a 128 MiB scrypt (N=2^17, lib/auth/password.ts): under a few hundred ms alone, seconds on a
  // loaded shared 2-core machine; 5 s (Playwright's default) was not always enough for the step after a sign-in.
  expect: { timeout: 15_000 },
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
    command: `node_modules/.bin/next start -p ${port} --keepAliveTimeout 65000`,
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
      CASHLINE_ENCRYPTION_KEY: process.env.CASHLINE_ENCRYPTION_KEY,
      OIDC_ISSUER: oidcIssuer,
      OIDC_CLIENT_ID: "cashline-test", // lib/testing/oidc-provider.ts TEST_OIDC_CLIENT
      OIDC_CLIENT_SECRET: "cashline-test-secret-0123456789abcdef",
      OIDC_ROLE_CLAIM: "cashline_role",
      OIDC_ROLE_MAP: "finance-controllers=CONTROLLER,finance-admins=ADMIN,ar-team=AR_ANALYST,treasury-team=TREASURY",
    },
  },
});
