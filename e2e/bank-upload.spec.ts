// Treasury uploads a bank file in the browser and follows it: queued (no worker yet), then — with a worker
// started by this test on the e2e database — processed, with its statement and checks; the same file again is
// recognised as a duplicate; a file that is no bank statement is quarantined with its error shown.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { generateCamt053 } from "../lib/bankfiles/generate.ts";
import { signInWithForm } from "./helpers.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-e2e-bank-"));
let worker: ChildProcess | null = null;

test.afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((r) => worker!.once("exit", r));
    worker.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

function startWorker() {
  // Its own landing folder: the worker must not poll the demo's.
  worker = spawn(path.resolve("node_modules/.bin/tsx"), ["jobs/worker.ts"], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, BANK_DROP_DIR: path.join(dir, "drop"), LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

const row = (page: Page, filename: string) => page.getByTestId("bank-file-row").filter({ hasText: filename });

async function upload(page: Page, file: string) {
  await page.getByTestId("bank-file-input").setInputFiles(file);
  await page.getByRole("button", { name: "Upload" }).click();
}

test("treasury uploads a camt.053, sees it processed, is told a second upload is a duplicate, and sees a bad file quarantined", async ({ page }) => {
  test.setTimeout(180_000);
  const camt = path.join(dir, "e2e-day.camt053.xml");
  fs.writeFileSync(camt, generateCamt053({ entries: 25, seed: 777 }));
  const junk = path.join(dir, "not-a-statement.txt");
  fs.writeFileSync(junk, "Dear customer, please find attached nothing useful.\n");

  await signInWithForm(page, "TREASURY");
  await page.goto("/bank-files");
  await expect(page.getByRole("heading", { name: "Bank files" })).toBeVisible();

  await upload(page, camt);
  await expect(page.getByTestId("upload-result")).toContainText("e2e-day.camt053.xml received: it is being processed");
  // No worker yet: the file waits in the queue, and the page says so.
  await expect(row(page, "e2e-day.camt053.xml")).toHaveAttribute("data-status", "RECEIVED");
  await expect(row(page, "e2e-day.camt053.xml").getByTestId("progress")).toContainText("queued for a worker");

  startWorker();
  await expect(row(page, "e2e-day.camt053.xml")).toHaveAttribute("data-status", "PROCESSED", { timeout: 120_000 });
  await expect(row(page, "e2e-day.camt053.xml").getByTestId("progress")).toContainText("25 parsed / 25 stored");
  const detail = page.getByTestId("bank-file-detail");
  await expect(detail.getByTestId("bank-file-statements")).toContainText("GEN-STMT-25");
  await expect(detail.getByTestId("bank-file-statements")).toContainText("DE Hauptkonto");
  await expect(detail.getByTestId("bank-file-counts")).toContainText(/Lines in the file\s*25/);
  await expect(detail.getByTestId("bank-file-counts")).toContainText(/Receipts created\s*\d+/);

  await upload(page, camt);
  await expect(page.getByTestId("upload-result")).toContainText("was received before (same SHA-256): nothing new was stored. It is processed.");
  await expect(row(page, "e2e-day.camt053.xml")).toHaveCount(1);

  await upload(page, junk);
  await expect(row(page, "not-a-statement.txt")).toHaveAttribute("data-status", "QUARANTINED", { timeout: 60_000 });
  await expect(page.getByTestId("bank-file-error").filter({ hasText: "not-a-statement.txt" })).toContainText("not-a-statement.txt:1: cannot detect the statement format");
  await expect(page.getByTestId("detail-error")).toContainText("cannot detect the statement format");
});
