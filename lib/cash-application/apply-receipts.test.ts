import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedInvoice, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { applyReceipts } from "./apply-receipts.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

let n = 0;
async function receipt(world: Awaited<ReturnType<typeof seedMiniWorld>>, amountMinor: bigint, fields: { payerName?: string; payerAccount?: string | null; remittance?: string; bankReference?: string } = {}) {
  const id = `cr_${++n}`;
  return getDb().receipt.create({
    data: { id, entityId: world.entity.id, bankAccountId: world.bank.id, currency: "USD", amountMinor, unappliedMinor: amountMinor, valueDate: new Date("2026-11-20"), channel: "ACH",
      payerName: fields.payerName ?? "ACME WIDGETS", payerAccount: fields.payerAccount ?? null, remittance: fields.remittance ?? "", bankReference: fields.bankReference ?? `BR${id}`, naturalKey: `t:${id}`, sourceSystem: "bank", sourceId: id },
  });
}
const state = async (id: string) => (await getDb().receipt.findUniqueOrThrow({ where: { id } })).state;

describe("cash-application pipeline", () => {
  it("applies a referenced receipt: applications, invoice paid, timeline, posting requested, rule version recorded", async () => {
    const world = await seedMiniWorld();
    const inv = await seedInvoice(world, 123_450n, "INV-2026-000777");
    const r = await receipt(world, 123_450n, { remittance: "Payment inv 2026-777 thanks" });
    const counts = await applyReceipts([r.id], "new", "cid-apply");
    expect(counts.applied).toBe(1);
    const after = await getDb().receipt.findUniqueOrThrow({ where: { id: r.id }, include: { applications: true } });
    expect(after.state).toBe("APPLIED");
    expect(after.unappliedMinor).toBe(0n);
    expect(after.customerId).toBe(world.customer.id);
    expect(after.ruleVersion).toMatch(/^US01-v0\//);
    expect(after.applications.map((a) => [a.invoiceId, a.amountMinor, a.appliedByType])).toEqual([[inv.id, 123_450n, "engine"]]);
    expect((await getDb().invoice.findUniqueOrThrow({ where: { id: inv.id } })).status).toBe("PAID");
    const events = await getDb().workflowEvent.findMany({ where: { receiptId: r.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["customer.identified", "cash.matched", "cash.applied"]);
    expect(events.every((e) => e.correlationId === "cid-apply")).toBe(true);
    expect(await getDb().journalEntry.count({ where: { receiptId: r.id, status: "PENDING" } })).toBe(1);
    expect(await applyReceipts([r.id], "new", "again")).toMatchObject({ applied: 0, skipped: 1 });
  });

  it("sends an unknown payer without reference to the queue with the engine's reasons", async () => {
    const world = await seedMiniWorld();
    const r = await receipt(world, 5_000n, { payerName: "NOBODY WE KNOW LTD", remittance: "" });
    expect((await applyReceipts([r.id], "new", "c")).exception).toBe(1);
    expect(await state(r.id)).toBe("UNIDENTIFIED");
    const c = await getDb().exceptionCase.findFirstOrThrow({ where: { receiptId: r.id } });
    expect(c.code).toBe("UNIDENTIFIED");
    expect(c.reasons.length).toBeGreaterThan(0);
  });

  it("learns from people: a payer taught by an analyst is recognised next time", async () => {
    const world = await seedMiniWorld();
    await seedInvoice(world, 77_700n);
    const first = await receipt(world, 77_700n, { payerName: "ZEPHYR TREASURY SVCS", payerAccount: "5550001111" });
    await applyReceipts([first.id], "new", "c");
    expect(await state(first.id)).toBe("UNIDENTIFIED");
    await getDb().learnedPayer.create({ data: { customerId: world.customer.id, payerName: "ZEPHYR TREASURY SVCS", payerAccount: "5550001111", learnedFromReceiptId: first.id } });
    const second = await receipt(world, 77_700n, { payerName: "ZEPHYR TREASURY SVCS", payerAccount: "5550001111" });
    await applyReceipts([second.id], "new", "c");
    expect(await state(second.id)).toBe("APPLIED");
  });

  it("re-decides an open exception once the invoice it names arrives, resolving its case", async () => {
    const world = await seedMiniWorld();
    const r = await receipt(world, 31_000n, { remittance: "INV-2026-009901" });
    await applyReceipts([r.id], "new", "c");
    expect(["UNIDENTIFIED", "NEEDS_REVIEW"]).toContain(await state(r.id));
    await seedInvoice(world, 31_000n, "INV-2026-009901");
    await applyReceipts([r.id], "retry", "c2");
    expect(await state(r.id)).toBe("APPLIED");
    const cases = await getDb().exceptionCase.findMany({ where: { receiptId: r.id } });
    expect(cases.every((c) => c.status === "RESOLVED")).toBe(true);
  });

  it("never applies a receipt twice or over-applies an invoice when workers run in parallel", async () => {
    const world = await seedMiniWorld();
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const inv = await seedInvoice(world, BigInt(40_000 + i), `INV-2026-3${String(i).padStart(5, "0")}`);
      ids.push((await receipt(world, inv.amountMinor, { remittance: inv.number })).id);
    }
    // Two receipts racing for the same invoice.
    const contested = await seedInvoice(world, 99_900n, "INV-2026-888888");
    const a = await receipt(world, 99_900n, { remittance: "INV-2026-888888", bankReference: "RACE-A" });
    const b = await receipt(world, 99_900n, { remittance: "INV-2026-888888", bankReference: "RACE-B", payerName: "ACME WIDGETS INC" });
    const all = [...ids, a.id, b.id];
    await Promise.all([applyReceipts(all, "new", "w1"), applyReceipts([...all].reverse(), "new", "w2"), applyReceipts(all, "new", "w3")]);
    const apps = await getDb().application.findMany({ where: { receiptId: { in: all }, kind: "INVOICE" } });
    expect(apps.filter((x) => ids.includes(x.receiptId))).toHaveLength(30);
    expect(new Set(apps.map((x) => x.receiptId)).size).toBe(apps.length);
    const inv = await getDb().invoice.findUniqueOrThrow({ where: { id: contested.id } });
    expect(inv.openAmountMinor).toBe(0n);
    expect(apps.filter((x) => x.invoiceId === contested.id)).toHaveLength(1);
    expect([await state(a.id), await state(b.id)].sort()).toEqual(["APPLIED", "NEEDS_REVIEW"]);
    expect(await getDb().journalEntry.count({ where: { receiptId: { in: all } } })).toBe(31);
  });

  it("applies the entity's own policy and records its version", async () => {
    const world = await seedMiniWorld();
    await getDb().matchingPolicy.create({ data: { entityId: world.entity.id, version: 2, policy: { tolerance: { maxAbsolute: "0.00" } } } });
    const inv = await seedInvoice(world, 50_000n, "INV-2026-555555");
    const r = await receipt(world, 49_000n + 990n, { remittance: inv.number });
    await applyReceipts([r.id], "new", "c");
    const after = await getDb().receipt.findUniqueOrThrow({ where: { id: r.id } });
    expect(after.state).toBe("SHORT_PAY");
    expect(after.ruleVersion).toMatch(/^US01-v2\//);
  });
});
