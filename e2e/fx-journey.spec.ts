// Issue 17, done-when: a USD receipt applied to a EUR invoice by an analyst in the receipt workspace. While US01's
// matching policy forbids it the workspace says so; with the policy on for the customer (a seeded policy version, as
// an approved draft would put in force) the preview shows both amounts, the rate with its day and source and the
// realised FX; applying posts through a real worker to the Oracle simulator (US01's ERP), and the FX line shows on the
// payment's timeline (its journal) and in the simulator's ledger (GET /__sim/ledger: both amounts, rate, fxGainLoss).
// Demo rates: EUR/USD 1.0850 every day → 1 USD = 0.9216589862 EUR. USD 1,085.00 = EUR 1,000.00, the invoice has
// EUR 997.00 open: within the tolerance (25.00 USD, 50 bp), cleared in full; realised FX = 1,085.00 − 997.00 × 1.085
// (1,081.74 booked) = a 3.26 USD gain.
import type { ChildProcess } from "node:child_process";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { spawnErpSim, type SpawnedErpSim } from "../lib/erp-sim/spawn.ts";
import { normaliseReceipt, type NormalisedReceipt } from "../lib/erp-sim/normalised-ledger.ts";
import { apiSession, e2eSql, signInWithForm, startE2eWorker, stopE2eWorker } from "./helpers.ts";

const RUN = Date.now().toString(36).toUpperCase();
const INVOICE = `INV-EU-E2E-${RUN}`;
const RECEIPT = `rcp_e2e_fx_${RUN.toLowerCase()}`;
const CASE = `case_${RECEIPT}`;
const POLICY = `pol_e2e_fx_${RUN.toLowerCase()}`;
let sim: SpawnedErpSim;
let worker: ChildProcess;
let api: APIRequestContext;

test.describe.configure({ mode: "serial", timeout: 120_000 });

const sql = e2eSql;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  const [c] = await sql(`select c.id, c.name, b.id as bank from "Customer" c join "BankAccount" b on b."entityId" = c."entityId" and b.currency = 'USD' where c."entityId" = 'ent_US01' order by c.id limit 1`);
  // A EUR invoice of a US01 (USD) customer, and a USD payment nobody could identify.
  await sql(`insert into "Invoice" (id, "entityId", "customerId", number, currency, "amountMinor", "openAmountMinor", "issueDate", "dueDate", status, "sourceSystem", "sourceId", "updatedAt")
             values ($1, 'ent_US01', $2, $1, 'EUR', 99700, 99700, current_date - 30, current_date, 'OPEN', 'e2e', $1, now())`, [INVOICE, c.id]);
  await sql(`insert into "Receipt" (id, "entityId", "bankAccountId", currency, "amountMinor", "unappliedMinor", "valueDate", channel, "payerName", remittance, "bankReference", state, "naturalKey", "sourceSystem", "sourceId", "updatedAt")
             values ($1, 'ent_US01', $2, 'USD', 108500, 108500, current_date - 1, 'WIRE', $3, 'PAYMENT', $4, 'UNIDENTIFIED', $1, 'e2e', $1, now())`, [RECEIPT, c.bank, c.name, `BR-${RUN}`]);
  await sql(`insert into "ExceptionCase" (id, code, status, "entityId", "receiptId", "slaDueAt", reasons, "amountMinor", currency, "updatedAt")
             values ($1, 'UNIDENTIFIED', 'OPEN', 'ent_US01', $2, now() + interval '2 days', '{"no customer found"}', 108500, 'USD', now())`, [CASE, RECEIPT]);
  (globalThis as { customerId?: string }).customerId = c.id;

  sim = await spawnErpSim();
  worker = await startE2eWorker({ ERP_URL: sim.url, ERP_BREAKER_COOLDOWN_MS: "1000" });
  api = await apiSession(baseURL!, "AR_ANALYST");
});

test.afterAll(async () => {
  stopE2eWorker(worker);
  await sim?.stop();
  // The spec's policy version stops being in force the way a rollback does it: a new latest version carrying the
  // rules of the one before it (versions only grow; later specs count on the live one being the highest).
  await sql(`insert into "MatchingPolicy" (id, "entityId", version, policy, active, "createdBy")
             select $1 || '_undo', p."entityId", p.version + 1, prev.policy, true, 'e2e'
               from "MatchingPolicy" p
               join lateral (select policy from "MatchingPolicy" o where o."entityId" = p."entityId" and o.version < p.version and o.active order by o.version desc limit 1) prev on true
              where p.id = $1 and p.version = (select max(version) from "MatchingPolicy" where "entityId" = p."entityId")`, [POLICY]).catch(() => undefined);
});

const ledger = async (): Promise<NormalisedReceipt[]> => ((await (await fetch(`${sim.url}/__sim/ledger`)).json()) as { receipts: unknown[] }).receipts.map(normaliseReceipt);

test("the workspace refuses a cross-currency application while US01's policy forbids it", async ({ page }) => {
  await signInWithForm(page, "AR_ANALYST");
  await page.goto(`/exceptions/${CASE}`);
  const panel = page.getByTestId("cross-currency");
  await panel.getByTestId("fx-invoice").fill(INVOICE);
  await panel.getByRole("button", { name: "Preview" }).click();
  await expect(panel.getByTestId("fx-problem")).toContainText("cross-currency application is off for US01");
  await expect(panel.getByTestId("fx-apply")).toHaveCount(0);
});

test("a USD receipt pays a EUR invoice: both currencies and the rate in the workspace, the FX line on the timeline and in the ERP", async ({ page }) => {
  const customerId = (globalThis as { customerId?: string }).customerId!;
  const [{ v }] = await sql(`select coalesce(max(version), 0) + 1 as v from "MatchingPolicy" where "entityId" = 'ent_US01'`);
  await sql(`insert into "MatchingPolicy" (id, "entityId", version, policy, active, "createdBy") values ($1, 'ent_US01', $2, $3, true, 'e2e')`,
    [POLICY, v, JSON.stringify({ crossCurrency: { enabled: true, customers: [customerId], maxAbsolute: "25.00", maxBasisPoints: 50 } })]);

  await signInWithForm(page, "AR_ANALYST");
  await page.goto(`/exceptions/${CASE}`);
  const panel = page.getByTestId("cross-currency");
  await panel.getByTestId("fx-invoice").fill(INVOICE);
  await panel.getByRole("button", { name: "Preview" }).click();
  const preview = panel.getByTestId("fx-preview");
  await expect(preview.getByTestId("fx-receipt-amount")).toHaveText("USD 1,085.00");
  await expect(preview.getByTestId("fx-invoice-amount")).toContainText("EUR 997.00 (paid in full)");
  await expect(preview.getByTestId("fx-rate")).toContainText("1 USD = 0.9216589862 EUR");
  await expect(preview.getByTestId("fx-rate")).toContainText("CSV (inverse of EUR/USD)");
  await expect(preview.getByTestId("fx-realised")).toHaveText("gain USD 3.26");
  await preview.getByTestId("fx-apply").click();
  await expect(page.getByTestId("action-result")).toContainText("Applied 1085.00 USD to " + INVOICE + " (997.00 EUR at 0.9216589862); realised FX 3.26 USD");
  // The workspace's applications list shows the invoice's own amount and the rate.
  await expect(page.getByTestId("application-fx")).toContainText("EUR 997.00");

  // The worker posts it to Oracle (US01's ERP): the journal is POSTED and carries the realised FX line.
  await expect.poll(async () => ((await (await api.get(`/api/v1/receipts/${RECEIPT}/timeline`)).json()) as { journal: { status: string }[] }).journal.map((j) => j.status), { timeout: 60_000 }).toEqual(["POSTED"]);
  await page.goto(`/payments/${RECEIPT}`);
  const journal = page.getByTestId("journal-entry");
  await expect(journal).toContainText("Realised FX gain USD 3.26");
  await expect(journal).toContainText("Receivable " + INVOICE + " EUR 997.00 paid with USD 1085.00 at 0.9216589862");
  await expect(page.getByTestId("timeline")).toContainText("at 1 USD = 0.9216589862 EUR");

  const erp = (await ledger()).filter((r) => r.receiptNumber === `CL-${RECEIPT}`);
  expect(erp).toHaveLength(1);
  expect(erp[0]).toMatchObject({ entity: "US01", currency: "USD", amount: "1085.00" });
  expect(erp[0]!.applications).toEqual([expect.objectContaining({
    type: "INVOICE", invoiceNumber: INVOICE, amount: "1085.00", receiptAmount: "1085.00", invoiceAmount: "997.00", invoiceCurrency: "EUR",
    rate: "0.9216589862", fxGainLoss: "3.26", functionalCurrency: "USD", reversed: false,
  })]);
});
