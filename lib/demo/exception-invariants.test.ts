// Database invariants after the demo seed (issue 11): every exception code has a real case to clear, a receipt has
// at most one active case, nothing waits past its allowed time without a case, and no invoice is over-applied.
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { findStalledReceipts } from "../receipts/open-stalled-cases.ts";
import { DEFAULT_STALL_AFTER_MS } from "../receipts/stall-thresholds.ts";
import { seedDemo } from "./seed-demo.ts";
import { checkDatabaseInvariants } from "./check-database-invariants.ts";

useFreshDatabase();
const today = new Date("2026-11-27T00:00:00Z");
beforeAll(async () => { await seedDemo(getDb(), { password: "cashline-demo", now: today }); }, 240_000); // as the seed test allows: a busy 2-core machine needs minutes

describe("demo data invariants", () => {
  it("has an active case of every exception code the resolution paths clear", async () => {
    const codes = new Set((await getDb().exceptionCase.groupBy({ by: ["code"], where: { status: { notIn: ["RESOLVED", "CANCELLED"] } } })).map((g) => g.code));
    for (const code of ["POSTING_FAILED", "RETURNED", "DUPLICATE", "ALREADY_PAID", "OVERPAYMENT", "CHARGEBACK", "AMBIGUOUS", "STALLED", "UNIDENTIFIED", "SHORT_PAY", "STATEMENT_GAP"]) {
      expect(codes, code).toContain(code);
    }
  });

  it("no receipt has two active cases, nothing is in the future, no invoice is over-applied", async () => {
    expect(await checkDatabaseInvariants(getDb())).toEqual({ twoActiveCases: [], futureTimestamps: [], overApplied: [], rollupDrift: [] });
  });

  it("no receipt waits past its state's allowed time without a case", async () => {
    expect(await findStalledReceipts(today, DEFAULT_STALL_AFTER_MS, 500, getDb())).toEqual([]);
  });

  it("decisions say what their cases say; duplicates name a real original; suggestions propose only open invoices", async () => {
    const cases = await getDb().exceptionCase.findMany({ where: { status: { notIn: ["RESOLVED", "CANCELLED"] }, code: { in: ["AMBIGUOUS", "DUPLICATE", "ALREADY_PAID", "UNIDENTIFIED", "OVERPAYMENT"] } }, include: { receipt: true } });
    for (const c of cases) expect((c.receipt?.matchDecision as { exception_code?: string } | null)?.exception_code, c.id).toBe(c.code);
    const dups = cases.filter((c) => c.code === "DUPLICATE");
    for (const d of dups) {
      const orig = await getDb().receipt.findUniqueOrThrow({ where: { id: (d.suggestion as { duplicateOf: string }).duplicateOf } });
      expect(orig.amountMinor).toBe(d.receipt!.amountMinor);
      expect((d.suggestion as { applications: unknown[] }).applications).toEqual([]);
    }
    const suggested = cases.flatMap((c) => ((c.suggestion as { applications?: { invoiceId?: string }[] }).applications ?? []).map((a) => a.invoiceId!));
    const notOpen = await getDb().invoice.count({ where: { id: { in: suggested }, status: { notIn: ["OPEN", "PARTIALLY_PAID"] } } });
    expect(notOpen).toBe(0);
  });
});
