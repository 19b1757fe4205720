import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { IllegalTransitionError } from "./transition-receipt.ts";
import { transitionReceipts } from "./transition-receipts.ts";

useFreshDatabase();

async function makeReceipt() {
  const db = getDb();
  await db.legalEntity.upsert({ where: { code: "US01" }, update: {}, create: { id: "e1", code: "US01", name: "US", country: "US", functionalCurrency: "USD" } });
  return db.receipt.create({ data: { entityId: "e1", currency: "USD", amountMinor: 1000n, unappliedMinor: 1000n, valueDate: new Date("2026-11-02"), channel: "ACH", naturalKey: `k${Math.random()}`, sourceSystem: "bank", sourceId: "x" } });
}

describe("transitionReceipts (batch)", () => {
  it("moves each receipt through its steps, sets only the columns given, and writes one event per step in order", async () => {
    const [a, b] = [await makeReceipt(), await makeReceipt()];
    const postedAt = new Date("2026-11-27T10:00:00.123Z");
    const ids = await getDb().$transaction((tx) => transitionReceipts(tx, [
      { receiptId: a.id, from: "RECEIVED", correlationId: "cid-a", actor: { type: "engine", id: "US01-v1" }, set: { unappliedMinor: 0n, ruleVersion: "US01-v1", matchDecision: { outcome: "applied" } },
        steps: [{ to: "IDENTIFIED", eventType: "customer.identified" }, { to: "MATCHED", eventType: "cash.matched" }, { to: "APPLIED", eventType: "cash.applied", payload: { n: 1 } }] },
      { receiptId: b.id, from: "RECEIVED", correlationId: "cid-b", set: { postedAt, postingLatencyMs: 1234 }, steps: [{ to: "UNIDENTIFIED", eventType: "cash.exception", exceptionCode: "UNIDENTIFIED" }] },
    ]));
    const [ra, rb] = await Promise.all([a, b].map((r) => getDb().receipt.findUniqueOrThrow({ where: { id: r.id } })));
    expect(ra).toMatchObject({ state: "APPLIED", version: 3, unappliedMinor: 0n, ruleVersion: "US01-v1", matchDecision: { outcome: "applied" }, postedAt: null });
    expect(rb).toMatchObject({ state: "UNIDENTIFIED", version: 1, unappliedMinor: 1000n, ruleVersion: null, postingLatencyMs: 1234 });
    expect(rb.postedAt?.toISOString()).toBe(postedAt.toISOString());
    const events = await getDb().workflowEvent.findMany({ where: { receiptId: a.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.fromState, e.toState, e.sourceId, e.correlationId, e.actorType])).toEqual([
      ["RECEIVED", "IDENTIFIED", `${a.id}:v1`, "cid-a", "engine"], ["IDENTIFIED", "MATCHED", `${a.id}:v2`, "cid-a", "engine"], ["MATCHED", "APPLIED", `${a.id}:v3`, "cid-a", "engine"],
    ]);
    expect(ids.get(a.id)).toEqual(events.map((e) => e.id));
    expect(ids.get(b.id)).toHaveLength(1);
  });

  it("refuses a batch with one illegal step and changes nothing", async () => {
    const [a, b] = [await makeReceipt(), await makeReceipt()];
    await expect(getDb().$transaction((tx) => transitionReceipts(tx, [
      { receiptId: a.id, from: "RECEIVED", steps: [{ to: "IDENTIFIED", eventType: "x" }] },
      { receiptId: b.id, from: "RECEIVED", steps: [{ to: "IDENTIFIED", eventType: "x" }, { to: "POSTED", eventType: "y" }] },
    ]))).rejects.toBeInstanceOf(IllegalTransitionError);
    expect((await getDb().receipt.findMany({ where: { id: { in: [a.id, b.id] } } })).map((r) => r.state)).toEqual(["RECEIVED", "RECEIVED"]);
  });

  it("rolls the whole batch back when a receipt is no longer in the state the caller saw", async () => {
    const [a, b] = [await makeReceipt(), await makeReceipt()];
    await getDb().receipt.update({ where: { id: b.id }, data: { state: "UNIDENTIFIED" } });
    await expect(getDb().$transaction((tx) => transitionReceipts(tx, [
      { receiptId: a.id, from: "RECEIVED", steps: [{ to: "IDENTIFIED", eventType: "x" }] },
      { receiptId: b.id, from: "RECEIVED", steps: [{ to: "IDENTIFIED", eventType: "x" }] },
    ]))).rejects.toThrow(new RegExp(`${b.id} is no longer RECEIVED`));
    expect((await getDb().receipt.findUniqueOrThrow({ where: { id: a.id } })).state).toBe("RECEIVED");
    expect(await getDb().workflowEvent.count({ where: { receiptId: { in: [a.id, b.id] } } })).toBe(0);
  });
});
