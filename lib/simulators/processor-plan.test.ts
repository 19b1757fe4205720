// The processor simulator's traffic, replayed straight into the webhook handler: however duplicated and
// reordered, it must leave one receipt per charge and a balanced journal per paid payout.
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedConnectorWorld } from "../testing/seed-connector-world.ts";
import { getDb } from "../db/client.ts";
import { signedDelivery } from "../stripe/stripe-fixtures.ts";
import { receiveStripeWebhook } from "../stripe/receive-stripe-webhook.ts";
import { planProcessorTraffic } from "./processor-plan.ts";

const SECRET = "whsec_sim_plan";
useFreshDatabase();
beforeAll(async () => { await seedConnectorWorld(); });

describe("processor simulator plan", () => {
  const invoices = Array.from({ length: 30 }, (_, i) => ({ number: `INV-SIM-${i}`, entity: "US01", currency: "USD", openMinor: 10_000 + i * 137, customerAccount: "C-US01" }));
  const plan = planProcessorTraffic({ seed: 7, payments: 24, invoices, now: new Date("2026-11-20T12:00:00Z") });

  it("is deterministic and has duplicates, both event kinds per payment, and payouts", () => {
    expect(planProcessorTraffic({ seed: 7, payments: 24, invoices, now: new Date("2026-11-20T12:00:00Z") }).map((d) => d.event.id)).toEqual(plan.map((d) => d.event.id));
    const types = plan.map((d) => d.event.type);
    expect(types.filter((t) => t === "charge.succeeded")).toHaveLength(new Set(plan.filter((d) => d.event.type === "charge.succeeded").map((d) => d.event.id)).size + plan.filter((d) => d.kind === "duplicate" && d.event.type === "charge.succeeded").length);
    expect(plan.some((d) => d.kind === "duplicate")).toBe(true);
    expect(types.some((t) => t.startsWith("payout."))).toBe(true);
  });

  it("leaves one receipt per charge and a balanced journal per paid payout when delivered to Cashline", async () => {
    for (const d of plan) {
      const signed = signedDelivery(d.event, SECRET);
      await receiveStripeWebhook(signed.body, signed.headers["stripe-signature"]!, { secret: SECRET });
    }
    const db = getDb();
    const charges = new Set(plan.filter((d) => d.event.type === "charge.succeeded").map((d) => (d.event as unknown as { data: { object: { id: string } } }).data.object.id));
    expect(await db.receipt.count({ where: { sourceSystem: "stripe" } })).toBe(charges.size);
    expect(await db.inboundEvent.count({ where: { status: "PENDING" } })).toBe(0);
    const paid = await db.payout.findMany({ where: { status: "paid" } });
    expect(paid.length).toBeGreaterThan(0);
    for (const p of paid) {
      const lines = await db.journalLine.findMany({ where: { entryId: p.journalEntryId! } });
      expect(lines.reduce((s, l) => s + l.debitMinor - l.creditMinor, 0n)).toBe(0n);
    }
    const remitted = await db.receipt.count({ where: { remittance: { contains: "INV-SIM-" } } });
    expect(remitted).toBeGreaterThan(charges.size / 2);
  });
});
