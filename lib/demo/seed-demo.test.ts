import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { seedDemo } from "./seed-demo.ts";
import { buildDemoData } from "./build-demo-data.ts";
import { verifyCredentials } from "../auth/verify-credentials.ts";

useFreshDatabase();
const today = new Date("2026-11-27T00:00:00Z");

describe("demo seed", () => {
  it("loads a realistic mid-size company once", async () => {
    const db = getDb();
    const result = await seedDemo(db, { password: "cashline-demo", today });
    expect(result.seeded).toBe(true);
    expect(await db.legalEntity.count()).toBe(3);
    expect(await db.bankAccount.count()).toBeGreaterThanOrEqual(6);
    expect(await db.customer.count()).toBeGreaterThanOrEqual(500);
    expect(await db.invoice.count()).toBeGreaterThanOrEqual(5000);
    const states = await db.receipt.groupBy({ by: ["state"], _count: true });
    const present = new Set(states.map((s) => s.state));
    for (const s of ["RECEIVED", "MATCHED", "APPLIED", "POSTED", "PUBLISHED", "UNIDENTIFIED", "SHORT_PAY", "OVERPAYMENT", "DUPLICATE", "CHARGEBACK", "RETURNED", "POSTING_FAILED", "ESCALATED", "NEEDS_REVIEW"]) {
      expect(present, `receipt state ${s}`).toContain(s);
    }
    const statuses = new Set((await db.invoice.groupBy({ by: ["status"], _count: true })).map((s) => s.status));
    expect([...statuses].sort()).toEqual(["OPEN", "PAID", "PARTIALLY_PAID", "VOID"]);
    expect(await seedDemo(db, { password: "x", today }).then((r) => r.seeded)).toBe(false);
  }, 180_000); // the seed plus its stall watch: over a minute on a loaded 2-core machine

  it("keeps every journal entry balanced per entity and currency", async () => {
    const rows = await getDb().$queryRaw<{ entityId: string; currency: string; debit: bigint; credit: bigint; unbalanced: bigint }[]>`
      select e."entityId", e.currency, sum(l."debitMinor")::bigint as debit, sum(l."creditMinor")::bigint as credit,
             (select count(*) from (select "entryId" from "JournalLine" group by "entryId" having sum("debitMinor") <> sum("creditMinor")) x)::bigint as unbalanced
      from "JournalEntry" e join "JournalLine" l on l."entryId" = e.id group by 1, 2`;
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r.debit, `${r.entityId} ${r.currency}`).toBe(r.credit);
    expect(rows[0]!.unbalanced).toBe(0n);
  });

  it("applies receipts consistently: applied receipts have nothing unapplied and their invoices are paid", async () => {
    const bad = await getDb().$queryRaw<{ n: bigint }[]>`
      select count(*)::bigint as n from "Receipt" r
      where r.state in ('APPLIED', 'POSTED', 'PUBLISHED') and (r."unappliedMinor" <> 0
        or not exists (select 1 from "Application" a where a."receiptId" = r.id and a.kind = 'INVOICE'))`;
    expect(bad[0]!.n).toBe(0n);
    const paidWithOpen = await getDb().invoice.count({ where: { status: "PAID", openAmountMinor: { not: 0n } } });
    expect(paidWithOpen).toBe(0);
  });

  it("is deterministic for a given day", () => {
    const a = buildDemoData(today);
    const b = buildDemoData(today);
    expect(a.receipts.length).toBe(b.receipts.length);
    expect(a.receipts.map((r) => `${r.id}:${r.amountMinor}:${r.state}`)).toEqual(b.receipts.map((r) => `${r.id}:${r.amountMinor}:${r.state}`));
    expect(a.invoices.map((i) => i.number)).toEqual(b.invoices.map((i) => i.number));
  });

  it("lets every demo user sign in with the demo password", async () => {
    for (const role of ["analyst", "treasury", "controller", "admin"]) {
      const r = await verifyCredentials({ email: `${role}@demo.cashline.dev`, password: "cashline-demo" }, `10.0.0.${role.length}`);
      expect(r.ok, role).toBe(true);
    }
  });
});
