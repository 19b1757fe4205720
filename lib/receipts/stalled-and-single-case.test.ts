import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { openExceptionCase } from "../exceptions/open-exception-case.ts";
import { caseSuggestion } from "../cash-application/persist-exception.ts";
import { makeReceipt, seedWorld, type World } from "../exceptions/test-fixtures.ts";
import { openStalledCases } from "./open-stalled-cases.ts";
import { DEFAULT_STALL_AFTER_MS, parseStallThresholds } from "./stall-thresholds.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
let w: World;
beforeAll(async () => { w = await seedWorld(); });
const active = (receiptId: string) => getDb().exceptionCase.findMany({ where: { receiptId, status: { notIn: ["RESOLVED", "CANCELLED"] } } });

describe("one active case per receipt", () => {
  it("a second finding re-classifies the receipt's case instead of opening another, and the database refuses a second one", async () => {
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 5_000n, state: "NEEDS_REVIEW", code: "AMBIGUOUS" });
    const again = await getDb().$transaction((tx) => openExceptionCase(tx, { code: "UNIDENTIFIED", entityId: w.entity.id, receiptId: receipt.id, reasons: ["payer matches no customer"] }));
    expect(again).toEqual({ caseId: kase!.id, created: false });
    expect(await active(receipt.id)).toEqual([expect.objectContaining({ id: kase!.id, code: "UNIDENTIFIED", reasons: ["payer matches no customer", "test"] })]);
    expect(await getDb().workflowEvent.count({ where: { receiptId: receipt.id, type: "exception.reclassified" } })).toBe(1);
    const direct = await getDb().exceptionCase.create({ data: { code: "POSTING_FAILED", entityId: w.entity.id, receiptId: receipt.id, slaDueAt: new Date(), reasons: [] } }).catch((e: { code?: string }) => e);
    expect((direct as { code?: string }).code).toBe("P2002");
  });

  it("case suggestions never propose a paid invoice nor applying a duplicate, and keep every open candidate set", () => {
    const inv = (id: string, open: bigint, status = open > 0n ? "OPEN" : "PAID") => [id, { id, number: `N-${id}`, openAmountMinor: open, status }] as const;
    const byId = new Map([inv("a", 100n), inv("b", 0n), inv("c", 60n), inv("d", 40n)]);
    const base = { receipt_id: "r", outcome: "exception" as const, write_off: null, confidence: 0.8, rule_version: "v", currency: "USD" };
    const ambiguous = caseSuggestion({ ...base, exception_code: "AMBIGUOUS", reasons: [], applications: [{ invoice_id: "a", amount: "1.00" }, { invoice_id: "b", amount: "1.00" }],
      candidate_sets: [[{ invoice_id: "a", amount: "1.00" }], [{ invoice_id: "c", amount: "0.60" }, { invoice_id: "d", amount: "0.40" }], [{ invoice_id: "b", amount: "1.00" }]] }, "AMBIGUOUS", byId);
    expect(ambiguous.applications.map((a) => a.invoiceId)).toEqual(["a"]);
    expect(ambiguous.candidateSets?.map((s) => s.map((l) => l.invoiceId))).toEqual([["a"], ["c", "d"]]);
    const dup = caseSuggestion({ ...base, exception_code: "DUPLICATE", reasons: ["same bank reference BR1, amount, value date and payer as receipt rcp_9"], applications: [{ invoice_id: "a", amount: "1.00" }] }, "DUPLICATE", byId);
    expect(dup).toMatchObject({ applications: [], duplicateOf: "rcp_9" });
    const paid = caseSuggestion({ ...base, exception_code: "ALREADY_PAID", reasons: [], applications: [], paid_invoice_ids: ["b"] }, "ALREADY_PAID", byId);
    expect(paid).toMatchObject({ applications: [], paidInvoices: [{ invoiceId: "b", invoiceNumber: "N-b" }] });
  });
});

describe("no silent stall", () => {
  it("a receipt past its state's allowed time with no case gets one STALLED case saying why it waits; never twice", async () => {
    const { receipt } = await makeReceipt(w, { amountMinor: 1_766_210n, state: "MATCHED", code: null, customerId: w.acme.id });
    const longAgo = new Date(Date.now() - 20 * 86_400_000);
    await getDb().receipt.update({ where: { id: receipt.id }, data: { stateChangedAt: longAgo } });
    const fresh = await makeReceipt(w, { amountMinor: 1_000n, state: "MATCHED", code: null });
    const withCase = await makeReceipt(w, { amountMinor: 1_000n, state: "UNIDENTIFIED" });
    await getDb().receipt.update({ where: { id: withCase.receipt.id }, data: { stateChangedAt: longAgo } });
    const opened = await openStalledCases(new Date(), DEFAULT_STALL_AFTER_MS);
    const stalled = await active(receipt.id);
    expect(stalled).toEqual([expect.objectContaining({ code: "STALLED", priority: "HIGH" })]);
    expect(opened).toContain(stalled[0]!.id);
    expect(stalled[0]!.reasons[0]).toMatch(/^stalled: MATCHED for 20 days \(allowed 30 min\) with no case$/);
    expect(stalled[0]!.reasons[1]).toContain("waiting for application (owner: cash-application engine)");
    expect(stalled[0]!.reasons[2]).toBe("USD 17,662.10 unapplied");
    expect(await active(fresh.receipt.id)).toEqual([]);
    expect((await active(withCase.receipt.id)).map((c) => c.code)).toEqual(["UNIDENTIFIED"]);
    expect(await openStalledCases(new Date(), DEFAULT_STALL_AFTER_MS)).toEqual([]);
  });

  it("thresholds are configurable per state and a bad setting names what is wrong", () => {
    expect(parseStallThresholds("APPLIED=2h, RECEIVED=15m")).toEqual({ APPLIED: 7_200_000, RECEIVED: 900_000 });
    expect(() => parseStallThresholds("PUBLISHED=1h")).toThrow(/PUBLISHED is not a non-final receipt state/);
    expect(() => parseStallThresholds("APPLIED=2 hours")).toThrow(/"APPLIED=2 hours" is not STATE=/);
  });
});
