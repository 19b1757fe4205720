import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { IllegalTransitionError, transitionReceipt } from "./transition-receipt.ts";

useFreshDatabase();

async function makeReceipt() {
  const db = getDb();
  await db.legalEntity.upsert({ where: { code: "US01" }, update: {}, create: { id: "e1", code: "US01", name: "US", country: "US", functionalCurrency: "USD" } });
  return db.receipt.create({ data: { entityId: "e1", currency: "USD", amountMinor: 1000n, unappliedMinor: 1000n, valueDate: new Date("2026-11-02"), channel: "ACH", naturalKey: `k${Math.random()}`, sourceSystem: "bank", sourceId: "x" } });
}

describe("transitionReceipt", () => {
  it("moves the receipt and writes the event with the correlation id", async () => {
    const r = await makeReceipt();
    await getDb().$transaction((tx) => transitionReceipt(tx, { receiptId: r.id, from: "RECEIVED", to: "IDENTIFIED", eventType: "customer.identified", correlationId: "job-123" }));
    const after = await getDb().receipt.findUniqueOrThrow({ where: { id: r.id } });
    expect(after.state).toBe("IDENTIFIED");
    expect(after.version).toBe(1);
    const events = await getDb().workflowEvent.findMany({ where: { receiptId: r.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "customer.identified", fromState: "RECEIVED", toState: "IDENTIFIED", correlationId: "job-123" });
  });
  it("refuses an illegal move and changes nothing", async () => {
    const r = await makeReceipt();
    await expect(getDb().$transaction((tx) => transitionReceipt(tx, { receiptId: r.id, from: "RECEIVED", to: "POSTED", eventType: "x" }))).rejects.toBeInstanceOf(IllegalTransitionError);
    expect((await getDb().receipt.findUniqueOrThrow({ where: { id: r.id } })).state).toBe("RECEIVED");
  });
  it("lets only the first of two concurrent movers win", async () => {
    const r = await makeReceipt();
    const results = await Promise.allSettled([
      getDb().$transaction((tx) => transitionReceipt(tx, { receiptId: r.id, from: "RECEIVED", to: "IDENTIFIED", eventType: "a" })),
      getDb().$transaction((tx) => transitionReceipt(tx, { receiptId: r.id, from: "RECEIVED", to: "UNIDENTIFIED", eventType: "b" })),
    ]);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((x) => x.status === "rejected") as PromiseRejectedResult;
    expect(String(rejected.reason.message)).toMatch(/no longer RECEIVED/);
    expect(await getDb().workflowEvent.count({ where: { receiptId: r.id } })).toBe(1);
  });
});
