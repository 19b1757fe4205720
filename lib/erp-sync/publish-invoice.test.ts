// Invoices out, end to end: a billing invoice.issued event creates the invoice AND its publication job in one
// transaction; the job publishes it to the simulated Oracle ERP exactly once through 5xx answers and answers
// dropped after the ERP committed, and the ERP's document number is stored back on the invoice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedConnectorWorld } from "../testing/seed-connector-world.ts";
import { getDb } from "../db/client.ts";
import { startErpSim, type ErpSim } from "../erp-sim/server.ts";
import { getLedger, setFaults } from "../erp-sim/sim-control.ts";
import { createErpAdapter } from "../erp/adapters.ts";
import { ErpRetryableError } from "../erp/errors.ts";
import { stopBoss } from "../jobs/boss.ts";
import { createApiKey } from "../api-keys/create-api-key.ts";
import { POST } from "../../app/api/v1/billing/events/route.ts";
import { publishInvoiceToErp } from "./publish-invoice.ts";
import { asJobError, erpPublishInvoiceJob } from "./erp-sync-jobs.ts";
import { RetryableJobError } from "../jobs/errors.ts";

const dbState = useFreshDatabase();
let sim: ErpSim;
let token = "";
beforeAll(async () => {
  sim = await startErpSim({ seed: 5 });
  await seedConnectorWorld();
  token = (await createApiKey({ name: "billing", system: "billing", scopes: ["billing:events"], createdById: null })).token;
});
afterAll(async () => { await sim.close(); await stopBoss({ graceful: false }); });

async function billingEvent(n: number) {
  const body = {
    id: `bevt_${n}`, type: "invoice.issued", occurred_at: "2026-11-20T10:00:00Z",
    data: { invoice_id: `binv_${n}`, number: `B-${n}`, customer_id: "bcus_us", entity: "US01", currency: "USD", amount: "1250.00", issue_date: "2026-11-20", due_date: "2026-12-20", po_number: "PO-77" },
  };
  const res = await POST(new Request("http://localhost/api/v1/billing/events", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", authorization: `Bearer ${token}` } }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: { invoiceId: string }[] }).results[0]!.invoiceId;
}

async function queuedPublications(): Promise<string[]> {
  const r = await dbState.asOwner(`select data->'data'->>'invoiceId' as id from pgboss.job where name = $1`, [erpPublishInvoiceJob.name]);
  return r.rows.map((x) => x.id as string);
}

describe("invoices out", () => {
  it("billing → Cashline (customer and entity mapping) → ERP: exactly once through 5xx and dropped answers, document number stored back", async () => {
    const invoiceId = await billingEvent(1);
    // Enqueued in the invoice's own transaction, once per invoice (the redelivered event adds nothing).
    expect(await queuedPublications()).toEqual([invoiceId]);
    await billingEvent(1);
    expect(await queuedPublications()).toEqual([invoiceId]);

    const erp = createErpAdapter({ kind: "oracle", baseUrl: sim.url, credentials: {}, timeoutMs: 2000, requestRetries: 0 });
    await setFaults(sim.url, { error_ratio: 0.4, drop_after_commit_ratio: 0.6 });
    let failures = 0;
    for (;;) { // what pg-boss does with the job: run it again after every retryable failure
      try { await publishInvoiceToErp(invoiceId, erp, { correlationId: "cid-pub" }); break; } catch (e) {
        expect(asJobError(e)).toBeInstanceOf(RetryableJobError);
        expect(e).toBeInstanceOf(ErpRetryableError);
        if (++failures > 60) throw e;
      }
    }
    await setFaults(sim.url, {});
    expect(failures).toBeGreaterThan(0);
    const ledger = await getLedger(sim.url);
    expect(ledger.invoices).toHaveLength(1);
    expect(ledger.invoices[0]).toMatchObject({ TransactionNumber: "B-1", BusinessUnit: "US01", BillToCustomerNumber: "C-US01", EnteredAmount: "1250.00", DueDate: "2026-12-20", TransactionSource: "Cashline" });
    const inv = await getDb().invoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect(inv.erpDocumentId).toBe(String(ledger.invoices[0]!.CustomerTransactionId));
    expect(inv.erpDocumentNumber).toBe(String(ledger.invoices[0]!.DocumentNumber));
    expect(inv.erpPublishedAt).toBeInstanceOf(Date);
    expect(await getDb().workflowEvent.count({ where: { invoiceId, type: "invoice.published_to_erp" } })).toBe(1);
    expect(await getDb().auditLog.count({ where: { action: "erp.invoice_published", targetId: invoiceId } })).toBe(1);

    // Published, then the store-back was lost (a worker killed between the ERP's answer and our commit): the
    // job runs again, the key replays the ERP's first answer — still one ERP invoice, the same document.
    await getDb().invoice.update({ where: { id: invoiceId }, data: { erpDocumentId: null, erpDocumentNumber: null } });
    expect(await publishInvoiceToErp(invoiceId, erp)).toMatchObject({ status: "published", erpDocumentId: inv.erpDocumentId, erpDocumentNumber: inv.erpDocumentNumber });
    expect((await getLedger(sim.url)).invoices).toHaveLength(1);
    expect(await publishInvoiceToErp(invoiceId, erp)).toMatchObject({ status: "already_published" });
    expect(await getDb().workflowEvent.count({ where: { invoiceId, type: "invoice.published_to_erp" } })).toBe(1);
  });

  it("a voided invoice is not published; an ERP refusal is permanent (dead letter), not retried", async () => {
    const erp = createErpAdapter({ kind: "oracle", baseUrl: sim.url, credentials: {}, timeoutMs: 2000 });
    const voided = await billingEvent(2);
    await getDb().invoice.update({ where: { id: voided }, data: { status: "VOID" } });
    expect(await publishInvoiceToErp(voided, erp)).toMatchObject({ status: "skipped" });
    // The ERP already holds B-3 with other figures (keyed in by hand): a conflict for a person.
    await fetch(`${sim.url}/__sim/invoices`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ TransactionNumber: "B-3", BusinessUnit: "US01", BillToCustomerNumber: "C-US01", InvoiceCurrencyCode: "USD", Amount: "1.00" }) });
    const conflicting = await billingEvent(3);
    const err = await publishInvoiceToErp(conflicting, erp).catch((e) => e);
    expect(asJobError(err).constructor.name).toBe("PermanentJobError");
    expect(err.message).toMatch(/B-3 already exists .* with other figures/);
    expect((await getDb().invoice.findUniqueOrThrow({ where: { id: conflicting } })).erpDocumentId).toBeNull();
  });
});
