import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedInvoice, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { applyReceipts } from "../cash-application/apply-receipts.ts";
import { persistAppliedBatch } from "../cash-application/persist-applied-batch.ts";
import { recordDeductions } from "../deductions/record-deductions.ts";
import { ingestRemittance } from "./ingest-remittance.ts";
import { loadReceiptAdvices } from "./load-receipt-advices.ts";
import { RemittanceParseError } from "./types.ts";
import type { Decision } from "../cashapp/types.ts";

const database = useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

const HEADER = "payment_reference,payer_name,currency,payment_amount,payment_date,document,paid,invoice_amount,discount,adjustment_amount,adjustment_reason,adjustment_text";
const csv = (ref: string, rows: string[][]) => Buffer.from([HEADER, ...rows.map((r) => [ref, "ACME WIDGETS", "USD", ...r].join(","))].join("\n"));
const system = { kind: "system" as const, label: "test" };
let n = 0;
async function receipt(world: Awaited<ReturnType<typeof seedMiniWorld>>, amountMinor: bigint, fields: { state?: "RECEIVED" | "SHORT_PAY"; bankReference?: string; remittance?: string } = {}) {
  const id = `rr_${++n}`;
  return getDb().receipt.create({
    data: { id, entityId: world.entity.id, bankAccountId: world.bank.id, currency: "USD", amountMinor, unappliedMinor: amountMinor, valueDate: new Date("2026-11-30"), channel: "ACH",
      payerName: "ACME WIDGETS", remittance: fields.remittance ?? "INVOICES", bankReference: fields.bankReference ?? `BR${id}`, naturalKey: `t:${id}`, sourceSystem: "bank", sourceId: id, state: fields.state ?? "RECEIVED" },
  });
}
const events = async (receiptId: string) => (await getDb().workflowEvent.findMany({ where: { receiptId }, orderBy: { id: "asc" } })).map((e) => e.type);

describe("remittance intake", () => {
  it("stores an advice that arrives before its payment as waiting; the same file twice adds nothing; the payment links it when it arrives", async () => {
    const world = await seedMiniWorld();
    const i1 = await seedInvoice(world, 100_000n, "INV-R-1");
    await seedInvoice(world, 30_000n, "INV-R-2");
    const file = csv("TRN-0001234", [["1270.00", "2026-11-30", "INV-R-1", "1000.00", "1000.00", "0.00", "", "", ""], ["1270.00", "2026-11-30", "INV-R-2", "270.00", "300.00", "0.00", "-30.00", "DAMAGED", "crate broken"]]);
    const first = await ingestRemittance({ content: file, filename: "acme.csv", contentType: "text/csv", channel: "upload", sender: system });
    expect(first.duplicate).toBe(false);
    expect(first.advices).toMatchObject([{ paymentReference: "TRN-0001234", status: "WAITING_FOR_PAYMENT", receiptId: null, customerId: world.customer.id, created: true }]);
    const stored = await getDb().remittanceAdvice.findUniqueOrThrow({ where: { id: first.advices[0]!.id }, include: { lines: { include: { adjustments: true }, orderBy: { lineNo: "asc" } }, document: true } });
    expect(stored.amountMinor).toBe(127_000n);
    expect(stored.document.sha256).toBe(first.sha256);
    expect(stored.lines.map((l) => [l.document, l.paidMinor, l.invoiceId])).toEqual([["INV-R-1", 100_000n, i1.id], ["INV-R-2", 27_000n, expect.any(String)]]);
    expect(stored.lines[1]!.adjustments.map((a) => [a.amountMinor, a.reason, a.text])).toEqual([[-3_000n, "DAMAGED", "crate broken"]]);

    const again = await ingestRemittance({ content: file, filename: "acme-again.csv", contentType: "text/csv", channel: "drop_folder", sender: system });
    expect(again).toMatchObject({ duplicate: true, documentId: first.documentId, advices: [{ id: first.advices[0]!.id, created: false }] });
    expect(await getDb().remittanceAdvice.count()).toBe(1);
    expect(await getDb().remittanceLine.count()).toBe(2);

    const r = await receipt(world, 127_000n, { bankReference: "TRN-0001234" });
    const advices = await loadReceiptAdvices([{ ...r, customerId: null }], () => "cid-arrival");
    expect(advices.get(r.id)?.payment_reference).toBe("TRN-0001234");
    expect(advices.get(r.id)?.lines[1]?.adjustments[0]?.reason).toBe("DAMAGED");
    const linked = await getDb().remittanceAdvice.findUniqueOrThrow({ where: { id: stored.id } });
    expect(linked).toMatchObject({ receiptId: r.id, status: "LINKED", linkRule: "reference" });
    expect(await events(r.id)).toEqual(["remittance.linked"]);
  });

  it("links an advice arriving after its payment went to an exception, and queues the re-decision through the cash-application job", async () => {
    const world = await seedMiniWorld();
    await seedInvoice(world, 50_000n, "INV-R-10");
    const r = await receipt(world, 45_000n, { state: "SHORT_PAY", remittance: "ACME PAYMENT" });
    await getDb().exceptionCase.create({ data: { code: "SHORT_PAY", entityId: world.entity.id, receiptId: r.id, slaDueAt: new Date(Date.now() + 86_400_000), reasons: ["short"] } });
    // No shared reference: payer + amount + date window.
    const out = await ingestRemittance({ content: csv("CHK-77", [["450.00", "2026-11-29", "INV-R-10", "450.00", "500.00", "0.00", "-50.00", "PRICING", ""]]), filename: "a.csv", contentType: null, channel: "api", sender: { kind: "api_key", keyId: "k1", label: "portal" } });
    expect(out.advices).toMatchObject([{ status: "LINKED", receiptId: r.id, redecisionQueued: true }]);
    expect(await events(r.id)).toEqual(["remittance.linked", "remittance.redecision_requested"]);
    const jobs = await database.asOwner(`select data from pgboss.job where name = 'cash.apply-receipts'`);
    expect(jobs.rows.map((j) => j.data.data)).toContainEqual({ receiptIds: [r.id], reason: "remittance" });
    // The re-decision reads the advice (whatever the engine then decides, the receipt is never left half-done).
    const counts = await applyReceipts([r.id], "remittance", "cid-redecide");
    expect(counts.applied + counts.exception + counts.skipped).toBe(1);
  });

  it("refuses an unreadable file whole, naming where, and stores nothing", async () => {
    const bad = Buffer.from(`${HEADER}\nX1,ACME,USD,12.345,2026-11-30,INV-1,12.345,,,,,\n`);
    await expect(ingestRemittance({ content: bad, filename: "bad.csv", contentType: null, channel: "upload", sender: system })).rejects.toThrow(RemittanceParseError);
    await expect(ingestRemittance({ content: bad, filename: "bad.csv", contentType: null, channel: "upload", sender: system })).rejects.toThrow(/line 2, column payment_amount/);
    expect(await getDb().sourceDocument.count({ where: { filename: "bad.csv" } })).toBe(0);
  });
});

describe("deductions from an applied decision", () => {
  it("persists Decision.deductions as Deduction rows routed to the reason's team; one under the threshold is written off to its GL account; idempotent", async () => {
    const world = await seedMiniWorld();
    const i1 = await seedInvoice(world, 100_000n, "INV-D-1");
    const i2 = await seedInvoice(world, 30_000n, "INV-D-2");
    const i3 = await seedInvoice(world, 10_000n, "INV-D-3");
    const r = await receipt(world, 136_500n); // 1000.00 + 270.00 + 95.00 applied; 30.00 and 5.00 kept
    const decision: Decision = {
      receipt_id: r.id, outcome: "applied", applications: [{ invoice_id: i1.id, amount: "1000.00" }, { invoice_id: i2.id, amount: "270.00" }, { invoice_id: i3.id, amount: "95.00" }],
      exception_code: null, write_off: null, confidence: 0.99, reasons: ["remittance advice"], rule_version: "US01-v0/test", currency: "USD",
      deductions: [{ invoice_id: i2.id, amount: "30.00", reason: "DAMAGED", code: "CS", text: "crate broken" }, { invoice_id: i3.id, amount: "5.00", reason: "FREIGHT", code: null, text: null }],
      remittance: "TRN-9",
    };
    const results = await persistAppliedBatch([{ receiptId: r.id, decision }], ["RECEIVED"], { correlationIdOf: () => "cid-d", priorityOf: () => 0 });
    expect(results.get(r.id)).toBe("applied");
    const ds = await getDb().deduction.findMany({ where: { receiptId: r.id }, orderBy: { amountMinor: "desc" } });
    expect(ds.map((d) => [d.invoiceId, d.amountMinor, d.reason, d.status, d.ownerTeam, d.externalCode])).toEqual([
      [i2.id, 3_000n, "DAMAGED", "OPEN", "Customer service", "CS"],
      [i3.id, 500n, "FREIGHT", "WRITTEN_OFF", "Logistics", null],
    ]);
    expect((await getDb().invoice.findUniqueOrThrow({ where: { id: i2.id } })).openAmountMinor).toBe(3_000n);
    expect((await getDb().invoice.findUniqueOrThrow({ where: { id: i3.id } }))).toMatchObject({ openAmountMinor: 0n, status: "PAID" });
    const je = await getDb().journalEntry.findFirstOrThrow({ where: { kind: "deduction_write_off" }, include: { lines: true } });
    expect(je.lines.map((l) => [l.account, l.debitMinor, l.creditMinor]).sort()).toEqual([["1200", 0n, 500n], ["5120", 500n, 0n]]);
    expect(await events(r.id)).toEqual(expect.arrayContaining(["deduction.opened", "deduction.written_off", "cash.applied"]));
    expect(await getDb().$transaction((tx) => recordDeductions(tx, [{ receiptId: r.id, currency: "USD", correlationId: "x", deductions: decision.deductions! }]))).toEqual({ created: 0, autoWrittenOff: 0 });
  });
});
