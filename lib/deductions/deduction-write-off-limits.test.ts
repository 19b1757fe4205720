// Deduction credits under all of the controls issue's write-off limits, in the functional currency. Each test here
// fails on the per-write-off-only check (in the deduction's own currency) this replaced.
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedInvoice, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { resolveDeduction } from "./resolve-deduction.ts";
import { approveDeduction } from "./approve-deduction.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

let n = 0;
/** A user with USD (the entity's functional currency) limits only: per write-off, per day, per invoice (minor units). */
async function user(limits: { perWriteOff: bigint; perDay: bigint; perInvoice: bigint }) {
  const id = `dl_${++n}`;
  const u = await getDb().user.create({ data: { id, email: `${id}@test.dev`, name: id, role: "AR_ANALYST", passwordHash: "x" } });
  await getDb().writeOffLimit.create({ data: { userId: id, currency: "USD", perWriteOffMinor: limits.perWriteOff, perReceiptMinor: 10_000_000n, perInvoiceMinor: limits.perInvoice, perDayMinor: limits.perDay } });
  return { actor: { id: u.id, email: u.email, name: u.name, writeOffLimitMinor: 0n } };
}
async function deduction(world: Awaited<ReturnType<typeof seedMiniWorld>>, amountMinor: bigint, opts: { invoiceId?: string; currency?: string } = {}) {
  const invoiceId = opts.invoiceId ?? (await seedInvoice(world, 100_000n)).id;
  await getDb().invoice.update({ where: { id: invoiceId }, data: { openAmountMinor: { increment: 0n }, status: "PARTIALLY_PAID" } });
  return getDb().deduction.create({
    data: { naturalKey: `dl-k${++n}`, entityId: world.entity.id, customerId: world.customer.id, invoiceId, reason: "PRICING", currency: opts.currency ?? "USD", amountMinor, ownerTeam: "Pricing", dueDate: new Date("2026-12-31") },
  });
}
const valid = { outcome: "valid" as const, note: "agreed" };

describe("deduction credits under the write-off limits", () => {
  it("per day: today's credits (and pending proposals) add up", async () => {
    const world = await seedMiniWorld();
    const ana = await user({ perWriteOff: 10_000n, perDay: 15_000n, perInvoice: 1_000_000n });
    expect((await resolveDeduction(ana, (await deduction(world, 10_000n)).id, valid)).status).toBe("VALID");
    const second = await resolveDeduction(ana, (await deduction(world, 8_000n)).id, valid);
    expect(second).toMatchObject({ status: "PENDING_APPROVAL", approvalNeeded: ["per day USD 150.00 (USD 100.00 already today)"] });
    // The pending proposal counts too: a third small one is over the day as well.
    expect((await resolveDeduction(ana, (await deduction(world, 1_000n)).id, valid)).status).toBe("PENDING_APPROVAL");
    // Refusing a deduction credits nothing: no limit involved.
    expect((await resolveDeduction(ana, (await deduction(world, 50_000n)).id, { outcome: "invalid", note: "no" })).status).toBe("INVALID");
  });

  it("per invoice: credits of several deductions on one invoice by different people add up; the approver's limits apply too", async () => {
    const world = await seedMiniWorld();
    const inv = await seedInvoice(world, 100_000n);
    const ana = await user({ perWriteOff: 10_000n, perDay: 1_000_000n, perInvoice: 12_000n });
    const bob = await user({ perWriteOff: 10_000n, perDay: 1_000_000n, perInvoice: 12_000n });
    const boss = await user({ perWriteOff: 100_000n, perDay: 1_000_000n, perInvoice: 100_000n });
    expect((await resolveDeduction(ana, (await deduction(world, 9_000n, { invoiceId: inv.id })).id, valid)).status).toBe("VALID");
    const d2 = await deduction(world, 5_000n, { invoiceId: inv.id });
    expect(await resolveDeduction(bob, d2.id, valid)).toMatchObject({ status: "PENDING_APPROVAL", approvalNeeded: ["per invoice USD 120.00 (USD 90.00 already on it)"] });
    await expect(approveDeduction(ana, d2.id, {})).rejects.toMatchObject({ problem: { status: 403, detail: expect.stringContaining("per invoice USD 120.00") } });
    expect((await approveDeduction(boss, d2.id, { note: "ok" })).status).toBe("VALID");
  });

  it("in the functional currency: a GBP deduction is compared with the USD limits at the receipt's rate", async () => {
    const world = await seedMiniWorld();
    await getDb().fxRate.createMany({ data: [
      { day: new Date("2026-11-29"), base: "EUR", quote: "USD", rate: "1.10", source: "ECB" },
      { day: new Date("2026-11-29"), base: "EUR", quote: "GBP", rate: "0.88", source: "ECB" },
    ] });
    const r = await getDb().receipt.create({
      data: { id: "dl_r_gbp", entityId: world.entity.id, currency: "GBP", amountMinor: 100_000n, unappliedMinor: 0n, valueDate: new Date("2026-11-30"), channel: "ACH", payerName: "ACME", remittance: "", bankReference: "BR-DL-GBP", state: "APPLIED", naturalKey: "t:dl_r_gbp", sourceSystem: "bank", sourceId: "dl_r_gbp" },
    });
    const ana = await user({ perWriteOff: 10_000n, perDay: 1_000_000n, perInvoice: 1_000_000n }); // $100.00; no GBP row
    const small = await deduction(world, 7_000n, { currency: "GBP" }); // £70.00 = $87.50
    await getDb().deduction.update({ where: { id: small.id }, data: { receiptId: r.id } });
    expect((await resolveDeduction(ana, small.id, valid)).status).toBe("VALID");
    const big = await deduction(world, 9_000n, { currency: "GBP" }); // £90.00 = $112.50
    await getDb().deduction.update({ where: { id: big.id }, data: { receiptId: r.id } });
    const out = await resolveDeduction(ana, big.id, valid);
    expect(out.status).toBe("PENDING_APPROVAL");
    expect(out.approvalNeeded![0]).toBe("per write-off USD 100.00 (GBP 90.00 = USD 112.50 at 1.25 (2026-11-29))");
  });
});
