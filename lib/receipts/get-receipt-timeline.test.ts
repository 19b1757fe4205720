import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { stopBoss } from "../jobs/boss.ts";
import { applyReceipt } from "../exceptions/apply-receipt.ts";
import { commentCase } from "../exceptions/comment-case.ts";
import { actor, makeInvoice, makeReceipt, seedWorld, type World } from "../exceptions/test-fixtures.ts";
import { getReceiptTimeline } from "./get-receipt-timeline.ts";
import { listReceipts, listReceiptsQuery } from "./list-receipts.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
let w: World;
beforeAll(async () => { w = await seedWorld(); });

describe("getReceiptTimeline", () => {
  it("shows each step with its actor, correlation id and time to the next; the owner; applications; balanced journal", async () => {
    const inv = await makeInvoice(w, { amountMinor: 3_000n });
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 3_000n });
    await commentCase(actor(w.analyst), kase!.id, { body: "looking" });
    const before = await getReceiptTimeline(receipt.id);
    expect(before?.owner.owner).toBe("unassigned (AR analysts' queue)");
    await applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "30.00" }] });
    const t = (await getReceiptTimeline(receipt.id))!;
    expect(t.receipt).toMatchObject({ state: "APPLIED", amount: "30.00", unapplied: "0.00" });
    expect(t.owner).toMatchObject({ owner: "ERP connector", waitingFor: "posting to the ERP" });
    expect(t.steps.map((s) => s.type)).toEqual(expect.arrayContaining(["case.commented", "cash.applied", "receipt.applied"]));
    const applied = t.steps.find((s) => s.type === "receipt.applied")!;
    expect(applied).toMatchObject({ actorType: "user", actor: w.analyst.name, stage: "application", fromState: "UNIDENTIFIED", toState: "APPLIED" });
    expect(applied.correlationId).toMatch(/^cid_/);
    expect(t.steps.slice(0, -1).every((s) => typeof s.durationMs === "number" && s.durationMs >= 0)).toBe(true);
    expect(t.applications).toHaveLength(1);
    expect(t.journal).toHaveLength(1);
    expect(t.journal[0]).toMatchObject({ status: "PENDING", balanced: true });
    expect(t.cases[0]).toMatchObject({ id: kase!.id, status: "RESOLVED" });
    expect(await getReceiptTimeline("nope")).toBeNull();
  });

  it("lists receipts sorted by any column", async () => {
    await makeReceipt(w, { amountMinor: 1n, code: null });
    const asc = await listReceipts(listReceiptsQuery.parse({ sort: "amount", dir: "asc" }));
    expect(asc.items[0]!.amount).toBe("0.01");
    const desc = await listReceipts(listReceiptsQuery.parse({ sort: "amount", dir: "desc" }));
    expect(BigInt(desc.items[0]!.amount.replace(".", ""))).toBeGreaterThan(1n);
  });
});
