// The billing simulator receives a valid deduction's credit-memo request through the real outbox (signed webhook),
// and refuses a delivery signed with another secret.
process.env.WEBHOOK_ALLOW_HTTP = "true";
process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
process.env.CASHLINE_ENCRYPTION_KEY ??= "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedInvoice, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { createSubscriber } from "../outbox/create-subscriber.ts";
import { fillDeliveries } from "../outbox/fill-deliveries.ts";
import { deliverPending } from "../outbox/deliver-pending.ts";
import { signWebhook } from "../outbox/sign-webhook.ts";
import { resolveDeduction } from "../deductions/resolve-deduction.ts";
import { startBillingInbox } from "./billing-inbox.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

describe("billing simulator inbox", () => {
  it("receives deduction.credit_memo_requested from the outbox; refuses a bad signature", async () => {
    const inbox = await startBillingInbox();
    try {
      const world = await seedMiniWorld();
      const admin = await getDb().user.create({ data: { email: "a@test.dev", name: "a", role: "ADMIN", passwordHash: "x" } });
      await getDb().writeOffLimit.create({ data: { userId: admin.id, currency: "USD", perWriteOffMinor: 100_000n, perReceiptMinor: 100_000n, perInvoiceMinor: 100_000n, perDayMinor: 1_000_000n } });
      const sub = await createSubscriber({ name: "billing", url: `${inbox.url}/webhooks/cashline`, eventTypes: ["deduction.credit_memo_requested", "deduction.collection_requested"] }, admin);
      inbox.setSecret(sub.secret);
      const inv = await seedInvoice(world, 50_000n, "INV-BILL-1");
      await getDb().invoice.update({ where: { id: inv.id }, data: { openAmountMinor: 4_000n, status: "PARTIALLY_PAID" } });
      const d = await getDb().deduction.create({ data: { naturalKey: "bill-1", entityId: world.entity.id, customerId: world.customer.id, invoiceId: inv.id, reason: "PRICING", currency: "USD", amountMinor: 4_000n, ownerTeam: "Pricing", dueDate: new Date() } });
      await resolveDeduction({ actor: { id: admin.id, email: admin.email, name: admin.name, writeOffLimitMinor: 0n } }, d.id, { outcome: "valid", note: "price list error" });
      await fillDeliveries();
      await deliverPending();
      expect(inbox.events.map((e) => e.type)).toEqual(["deduction.credit_memo_requested"]);
      expect(inbox.events[0]!.payload).toMatchObject({ deductionId: d.id, creditAmount: "40.00", invoice: { number: "INV-BILL-1" } });
      const forged = JSON.stringify({ id: "999", type: "deduction.credit_memo_requested", data: {} });
      const res = await fetch(`${inbox.url}/webhooks/cashline`, { method: "POST", body: forged, headers: { "cashline-signature": signWebhook("whsec_wrong", forged, Math.floor(Date.now() / 1000)) } });
      expect(res.status).toBe(401);
      expect((await (await fetch(`${inbox.url}/__sim/credit-memo-requests`)).json()).requests).toHaveLength(1);
    } finally {
      await inbox.stop();
    }
  });
});
