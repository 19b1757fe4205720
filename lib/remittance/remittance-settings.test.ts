import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { updateRemittanceSettings } from "./update-remittance-settings.ts";
import { getReceiptRemittance } from "./get-receipt-remittance.ts";
import { ingestRemittance } from "./ingest-remittance.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

const HEADER = "payment_reference,payer_name,currency,payment_amount,payment_date,document,paid,invoice_amount,discount,adjustment_amount,adjustment_reason,adjustment_text";

describe("customer remittance settings", () => {
  it("'remittance expected' for a customer who always sends one, until an advice (mapped by sender domain) is linked; audited", async () => {
    const world = await seedMiniWorld();
    const u = await getDb().user.create({ data: { email: "an@test.dev", name: "an", role: "AR_ANALYST", passwordHash: "x" } });
    const ctx = { actor: { id: u.id, email: u.email, name: u.name, writeOffLimitMinor: 0n } };
    const r = await getDb().receipt.create({
      data: { id: "rs_1", entityId: world.entity.id, customerId: world.customer.id, currency: "USD", amountMinor: 9_900n, unappliedMinor: 9_900n, valueDate: new Date("2026-11-30"), channel: "ACH", payerName: "SOMEONE ELSE", remittance: "", bankReference: "BR-RS-1", state: "SHORT_PAY", naturalKey: "t:rs_1", sourceSystem: "bank", sourceId: "rs_1" },
    });
    expect((await getReceiptRemittance(r.id))!.expected).toBe(false);
    expect(await updateRemittanceSettings(ctx, world.customer.id, { alwaysSendsRemittance: true, senderDomains: ["acme.com"] })).toEqual({ customerId: world.customer.id, alwaysSendsRemittance: true, senderDomains: ["acme.com"] });
    expect((await getReceiptRemittance(r.id))!.expected).toBe(true);
    expect(await getDb().auditLog.count({ where: { action: "customer.remittance_settings_updated", targetId: world.customer.id } })).toBe(1);

    // An advice naming nothing we know, from ap@acme.com: the domain names the customer; the payer + amount + date link it.
    const out = await ingestRemittance({
      content: Buffer.from(`${HEADER}\nRS-99,,USD,99.00,2026-11-29,UNKNOWN-DOC,99.00,,,,,\n`), filename: "advice.csv", contentType: "text/csv",
      channel: "email", senderEmail: "AP <ap@acme.com>", sender: { kind: "system", label: "mailbox" },
    });
    expect(out.advices).toMatchObject([{ customerId: world.customer.id, receiptId: r.id, status: "LINKED" }]);
    expect((await getReceiptRemittance(r.id))!).toMatchObject({ expected: false, advices: [{ paymentReference: "RS-99", linkRule: "payer_amount_date" }] });

    const other = await getDb().customer.create({ data: { entityId: world.entity.id, erpAccountNumber: "C-200", name: "Other Co" } });
    await expect(updateRemittanceSettings(ctx, other.id, { alwaysSendsRemittance: false, senderDomains: ["acme.com"] })).rejects.toMatchObject({ problem: { status: 409 } });
  });
});
