import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedInvoice, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { resolveDeduction } from "./resolve-deduction.ts";
import { approveDeduction } from "./approve-deduction.ts";
import { listOpenItems } from "./list-open-items.ts";
import { getDeductionDashboard } from "./get-deduction-dashboard.ts";
import { addDeductionEvidence } from "./add-deduction-evidence.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

let n = 0;
async function user(limitMinor: bigint | null) {
  const id = `u_${++n}`;
  const u = await getDb().user.create({ data: { id, email: `${id}@test.dev`, name: id, role: "AR_ANALYST", passwordHash: "x" } });
  if (limitMinor !== null) await getDb().writeOffLimit.create({ data: { userId: id, currency: "USD", perWriteOffMinor: limitMinor, perReceiptMinor: limitMinor, perInvoiceMinor: limitMinor, perDayMinor: limitMinor * 10n } });
  return { actor: { id: u.id, email: u.email, name: u.name, writeOffLimitMinor: 0n } };
}
/** An invoice paid short by 30.00 (kept as a DAMAGED deduction). */
async function deduction(world: Awaited<ReturnType<typeof seedMiniWorld>>, amountMinor = 3_000n) {
  const inv = await seedInvoice(world, 30_000n);
  await getDb().invoice.update({ where: { id: inv.id }, data: { openAmountMinor: amountMinor, status: "PARTIALLY_PAID" } });
  const d = await getDb().deduction.create({
    data: { naturalKey: `k${++n}`, entityId: world.entity.id, customerId: world.customer.id, invoiceId: inv.id, reason: "DAMAGED", currency: "USD", amountMinor, ownerTeam: "Customer service", dueDate: new Date("2026-12-31") },
  });
  return { inv, d };
}
const eventTypes = async (id: string) => (await getDb().workflowEvent.findMany({ where: { sourceId: { startsWith: id } }, orderBy: { id: "asc" } })).map((e) => e.type);

describe("deduction lifecycle", () => {
  it("valid: credit memo requested from billing, the invoice residual closed against the credit, journal to the reason's GL account, audited", async () => {
    const world = await seedMiniWorld();
    const { inv, d } = await deduction(world);
    const ctx = await user(100_000n);
    expect(await resolveDeduction(ctx, d.id, { outcome: "valid", note: "photos show the crate broken" })).toEqual({ id: d.id, status: "VALID", valid: "30.00", invalid: "0.00" });
    expect(await getDb().invoice.findUniqueOrThrow({ where: { id: inv.id } })).toMatchObject({ openAmountMinor: 0n, status: "PAID" });
    expect(await getDb().creditMemo.findFirstOrThrow({ where: { sourceId: d.id } })).toMatchObject({ invoiceId: inv.id, amountMinor: 3_000n, status: "APPLIED", number: `CM-DED-${d.id}` });
    const je = await getDb().journalEntry.findFirstOrThrow({ where: { idempotencyKey: `deduction-credit:${d.id}` }, include: { lines: true } });
    expect(je.lines.map((l) => [l.account, l.debitMinor, l.creditMinor]).sort()).toEqual([["1200", 0n, 3_000n], ["4930", 3_000n, 0n]]);
    expect(await eventTypes(d.id)).toEqual(["deduction.credit_memo_requested", "deduction.resolved"]);
    const request = await getDb().workflowEvent.findFirstOrThrow({ where: { sourceId: d.id, type: "deduction.credit_memo_requested" } });
    expect(request.payload).toMatchObject({ creditAmount: "30.00", invoice: { number: inv.number }, customer: { erpAccountNumber: "C-100" } });
    expect(await getDb().auditLog.count({ where: { action: "deduction.resolved", targetId: d.id, actorId: ctx.actor.id } })).toBe(1);
    await expect(resolveDeduction(ctx, d.id, { outcome: "invalid", note: "again" })).rejects.toMatchObject({ problem: { status: 409 } });
  });

  it("invalid: back in the customer's open items to collect, collections asked to dun", async () => {
    const world = await seedMiniWorld();
    const { inv, d } = await deduction(world);
    const before = (await listOpenItems(world.customer.id)).items.find((i) => i.invoiceId === inv.id);
    expect(before).toMatchObject({ open: "30.00", inDeduction: "30.00", collectible: "0.00" });
    const ctx = await user(null); // no limit needed: nothing is credited
    expect((await resolveDeduction(ctx, d.id, { outcome: "invalid", note: "no damage reported on delivery" })).status).toBe("INVALID");
    expect((await listOpenItems(world.customer.id)).items.find((i) => i.invoiceId === inv.id)).toMatchObject({ open: "30.00", inDeduction: "0.00", collectible: "30.00" });
    expect(await eventTypes(d.id)).toEqual(["deduction.collection_requested", "collections.follow_up_requested", "deduction.resolved"]);
  });

  it("partially valid: split into a credit and a collection", async () => {
    const world = await seedMiniWorld();
    const { inv, d } = await deduction(world);
    const ctx = await user(100_000n);
    await expect(resolveDeduction(ctx, d.id, { outcome: "partial", note: "half" })).rejects.toMatchObject({ problem: { status: 422 } });
    await expect(resolveDeduction(ctx, d.id, { outcome: "partial", validAmount: "30.00", note: "all" })).rejects.toMatchObject({ problem: { status: 422 } });
    expect(await resolveDeduction(ctx, d.id, { outcome: "partial", validAmount: "12.50", note: "one crate of two" })).toEqual({ id: d.id, status: "PARTIAL", valid: "12.50", invalid: "17.50" });
    expect((await getDb().invoice.findUniqueOrThrow({ where: { id: inv.id } })).openAmountMinor).toBe(1_750n);
    expect(await getDb().deduction.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ validMinor: 1_250n, invalidMinor: 1_750n });
  });

  it("a credit above the resolver's write-off limit waits for a second person within their own limit", async () => {
    const world = await seedMiniWorld();
    const { inv, d } = await deduction(world, 20_000n);
    const junior = await user(5_000n);
    const also = await user(5_000n);
    const senior = await user(1_000_000n);
    expect((await resolveDeduction(junior, d.id, { outcome: "valid", note: "promo agreed" })).status).toBe("PENDING_APPROVAL");
    expect((await getDb().invoice.findUniqueOrThrow({ where: { id: inv.id } })).openAmountMinor).toBe(20_000n);
    await expect(resolveDeduction(senior, d.id, { outcome: "invalid", note: "jump the queue" })).rejects.toMatchObject({ problem: { status: 409 } });
    await expect(approveDeduction(junior, d.id, {})).rejects.toMatchObject({ problem: { status: 403 } });
    await expect(approveDeduction(also, d.id, {})).rejects.toMatchObject({ problem: { status: 403 } });
    expect((await approveDeduction(senior, d.id, { note: "ok" })).status).toBe("VALID");
    expect(await getDb().deduction.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "VALID", resolvedById: junior.actor.id, approvedById: senior.actor.id });
    expect(await getDb().auditLog.count({ where: { targetId: d.id, action: { in: ["deduction.resolution_proposed", "deduction.approved"] } } })).toBe(2);
  });

  it("evidence notes are kept and audited; the dashboard counts open and resolved deductions", async () => {
    const world = await seedMiniWorld();
    const { d } = await deduction(world);
    const ctx = await user(100_000n);
    await addDeductionEvidence(ctx, d.id, { note: "customer's claim form #4411" });
    expect(await getDb().deductionEvidence.count({ where: { deductionId: d.id } })).toBe(1);
    expect(await getDb().auditLog.count({ where: { action: "deduction.evidence_added", targetId: d.id } })).toBe(1);
    const dash = await getDeductionDashboard();
    expect(dash.openByReason.find((r) => r.reason === "DAMAGED")!.count).toBeGreaterThanOrEqual(1);
    expect(dash.resolvedCount).toBeGreaterThanOrEqual(0);
    expect(dash.openByAge.map((b) => b.bucket)).toEqual(["0-15", "16-30", "31-60", "61+"]);
  });
});
