// Invoice backfill CSV: all or nothing with line numbers, idempotent by file and by natural key.
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedConnectorWorld } from "../testing/seed-connector-world.ts";
import { getDb } from "../db/client.ts";
import { ProblemError } from "../http/problem.ts";
import { importInvoiceCsv } from "./import-invoice-csv.ts";

useFreshDatabase();
let actor = { id: "", email: "" };
beforeAll(async () => {
  await seedConnectorWorld();
  actor = await getDb().user.create({ data: { email: "ar@test", name: "AR", role: "AR_ANALYST", passwordHash: "x" }, select: { id: true, email: true } });
});

const HEADER = "invoice_number,customer_id,entity,currency,amount,issue_date,due_date,po_number";
const GOOD = [HEADER, "BF-1,bcus_us,US01,USD,1250.00,2026-10-01,2026-10-31,PO-1", "BF-2,bcus_us,US01,USD,99.5,2026-10-02,2026-11-01,", '"BF-3",bcus_uk,UK01,GBP,"1000.00",2026-10-03,2026-11-02,'].join("\n");

async function problemOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof ProblemError) return e.problem;
    throw e;
  }
  throw new Error("expected the import to be refused");
}

describe("importInvoiceCsv", () => {
  it("refuses a file with problems, listing each by line and column, and stores nothing", async () => {
    const bad = [
      HEADER,
      "BF-10,bcus_us,US01,USD,10.00,2026-10-01,2026-10-31,",
      "BF-11,bcus_us,US01,USX,10.00,2026-10-01,2026-10-31,",
      "BF-12,bcus_us,US01,USD,10.001,2026-10-01,2026-10-31,",
      "BF-13,bcus_us,US01,USD,10.00,2026-02-30,2026-10-31,",
      "BF-14,bcus_unknown,US01,USD,10.00,2026-10-01,2026-10-31,",
      "BF-10,bcus_us,US01,USD,10.00,2026-10-01,2026-10-31,",
      "BF-15,bcus_us,US01,USD,10.00",
    ].join("\n");
    const db = getDb();
    const before = [await db.invoice.count(), await db.sourceDocument.count(), await db.workflowEvent.count()];
    const p = await problemOf(importInvoiceCsv(bad, actor));
    expect(p.status).toBe(422);
    expect(p.detail).toMatch(/nothing was imported/);
    expect(p.errors!.map((e) => [e.line, e.column])).toEqual([[3, "currency"], [4, "amount"], [5, "issue_date"], [7, "invoice_number"], [8, null]]);
    expect([await db.invoice.count(), await db.sourceDocument.count(), await db.workflowEvent.count()]).toEqual(before);
    // Database checks come after the format is clean, with the same precision.
    const unmapped = await problemOf(importInvoiceCsv([HEADER, "BF-20,bcus_us,US01,USD,1.00,2026-10-01,2026-10-31,", "BF-21,bcus_nobody,US01,USD,1.00,2026-10-01,2026-10-31,", "BF-22,bcus_uk,US01,USD,1.00,2026-10-01,2026-10-31,"].join("\n"), actor));
    expect(unmapped.errors!.map((e) => [e.line, e.column])).toEqual([[3, "customer_id"], [4, "customer_id"]]);
    expect(await db.invoice.count({ where: { number: "BF-20" } })).toBe(0);
  });

  it("refuses unknown or missing columns", async () => {
    const p = await problemOf(importInvoiceCsv("invoice_number,customer,entity,currency,amount,issue_date,due_date\nX,bcus_us,US01,USD,1,2026-01-01,2026-01-02", actor));
    expect(p.errors!.map((e) => e.column)).toEqual(["customer", "customer_id"]);
  });

  it("imports a clean file with invoice.issued events, and the same file again changes nothing", async () => {
    const first = await importInvoiceCsv(GOOD, actor, { filename: "backfill.csv" });
    expect(first).toMatchObject({ rows: 3, created: 3, existing: 0, alreadyImported: false });
    const db = getDb();
    const inv = await db.invoice.findUniqueOrThrow({ where: { entityId_number: { entityId: "ent_us", number: "BF-2" } } });
    expect(inv).toMatchObject({ amountMinor: 9_950n, customerId: "cust_US01", poNumber: null, documentId: first.documentId, sourceSystem: "billing", sourceId: "US01/BF-2" });
    expect(await db.workflowEvent.count({ where: { type: "invoice.issued", invoiceId: inv.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "billing.invoices.imported", actorId: actor.id } })).toBe(1);

    const again = await importInvoiceCsv(GOOD, actor);
    expect(again).toMatchObject({ alreadyImported: true, created: 0, documentId: first.documentId });
    // A different file that repeats known invoices creates only the new one.
    const overlap = await importInvoiceCsv(`${GOOD}\nBF-4,bcus_us,US01,USD,5.00,2026-10-04,2026-11-03,`, actor);
    expect(overlap).toMatchObject({ rows: 4, created: 1, existing: 3, alreadyImported: false });
    expect(await db.invoice.count({ where: { number: { startsWith: "BF-" } } })).toBe(4);
  });
});
