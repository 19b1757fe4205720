// Stripe's units are not ISO minor units: ISK/UGX come ×100, MGA is zero-decimal at Stripe but two-decimal in ISO,
// three-decimal amounts must be multiples of 10, HUF/TWD payouts whole units. Each case is converted exactly or
// refused; an unknown currency is refused rather than given two decimals.
import { beforeAll, describe, expect, it } from "vitest";
import { stripeAmountToMinor, StripeAmountError } from "./stripe-amounts.ts";
import { chargeSchema, payoutSchema } from "./stripe-objects.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedConnectorWorld } from "../testing/seed-connector-world.ts";
import { getDb } from "../db/client.ts";
import { chargeObject, signedDelivery, stripeEvent, stripeId } from "./stripe-fixtures.ts";
import { POST } from "../../app/api/webhooks/stripe/route.ts";

const SECRET = "whsec_amounts_test_secret";
process.env.STRIPE_WEBHOOK_SECRET = SECRET;

describe("stripeAmountToMinor", () => {
  it("converts Stripe units into ISO 4217 minor units exactly", () => {
    expect(stripeAmountToMinor(125_000, "USD", "amount")).toBe(125_000n);
    expect(stripeAmountToMinor(500, "JPY", "amount")).toBe(500n);
    expect(stripeAmountToMinor(50_000, "ISK", "amount")).toBe(500n); // ISK 500 is sent as 50000
    expect(stripeAmountToMinor(1_000_000, "UGX", "amount")).toBe(10_000n);
    expect(stripeAmountToMinor(1000, "MGA", "amount")).toBe(100_000n); // MGA 1000 = 1000.00 in ISO minor units
    expect(stripeAmountToMinor(12_340, "KWD", "amount")).toBe(12_340n); // KWD 12.340
    expect(stripeAmountToMinor(1045, "HUF", "amount")).toBe(1045n);
    expect(stripeAmountToMinor(1000, "HUF", "amount", "payout")).toBe(1000n);
  });

  it("refuses amounts that are not representable, unknown currencies and amounts past the bound", () => {
    expect(() => stripeAmountToMinor(50_050, "ISK", "amount")).toThrow(/amount: 50050 is not a valid Stripe amount in ISK \(must be a multiple of 100\)/);
    expect(() => stripeAmountToMinor(12_345, "KWD", "amount")).toThrow(/multiple of 10/);
    expect(() => stripeAmountToMinor(1045, "HUF", "amount", "payout")).toThrow(/multiple of 100/);
    expect(() => stripeAmountToMinor(100, "XYZ", "amount")).toThrow(/"XYZ" is not an active ISO 4217 currency/);
    expect(() => stripeAmountToMinor(100, "IQD", "amount")).toThrow(/not known: amount refused/);
    expect(() => stripeAmountToMinor(10 ** 16, "USD", "amount_captured")).toThrow(/amount_captured: amount exceeds the maximum/);
    expect(() => stripeAmountToMinor(1.5, "USD", "amount")).toThrow(StripeAmountError);
  });

  it("applies in the object schemas, naming the field", () => {
    const charge = chargeSchema.parse(chargeObject({ id: stripeId("ch"), paymentIntentId: stripeId("pi"), amount: 50_000, currency: "isk" }));
    expect([charge.amount, charge.amount_captured, charge.currency]).toEqual([500, 500, "ISK"]);
    const bad = chargeSchema.safeParse(chargeObject({ id: stripeId("ch"), paymentIntentId: stripeId("pi"), amount: 50_050, currency: "isk" }));
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["amount"]);
    const payout = payoutSchema.parse({ id: "po_1", amount: 1000, currency: "mga", arrival_date: 1, status: "paid", created: 1, balance_transactions: [{ id: "txn_1", type: "charge", source: "ch_1", amount: 1010, fee: 10, net: 1000 }] });
    expect(payout.amount).toBe(100_000);
    expect(payout.balance_transactions[0]).toMatchObject({ amount: 101_000, fee: 1000, net: 100_000 });
  });
});

describe("Stripe webhook amounts end to end", () => {
  useFreshDatabase();
  beforeAll(async () => { await seedConnectorWorld(); });
  async function deliver(event: object) {
    const d = signedDelivery(event, SECRET);
    const res = await POST(new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: d.body, headers: d.headers }));
    return { status: res.status, body: await res.json() };
  }

  it("books ISK 500 (sent as 50000) as 500 krónur, and MGA 1000 as 1000.00 ariary", async () => {
    const isk = stripeId("ch");
    expect((await deliver(stripeEvent("charge.succeeded", chargeObject({ id: isk, paymentIntentId: stripeId("pi"), amount: 50_000, currency: "isk" })))).status).toBe(200);
    expect(await getDb().receipt.findFirstOrThrow({ where: { processorReference: isk }, select: { amountMinor: true, currency: true } })).toEqual({ amountMinor: 500n, currency: "ISK" });
    const mga = stripeId("ch");
    await deliver(stripeEvent("charge.succeeded", chargeObject({ id: mga, paymentIntentId: stripeId("pi"), amount: 1000, currency: "mga" })));
    expect((await getDb().receipt.findFirstOrThrow({ where: { processorReference: mga } })).amountMinor).toBe(100_000n);
  });

  it("quarantines an unrepresentable amount, an unknown currency and an amount past the bound: no receipt", async () => {
    for (const [amount, currency] of [[50_050, "isk"], [1000, "xyz"], [10 ** 16, "usd"]] as const) {
      const id = stripeId("ch");
      const res = await deliver(stripeEvent("charge.succeeded", chargeObject({ id, paymentIntentId: stripeId("pi"), amount, currency })));
      expect(res.status, `${amount} ${currency}`).toBe(200);
      expect(res.body).toMatchObject({ status: "IGNORED", result: { error: expect.stringMatching(/data\.object\.amount/) } });
      expect(await getDb().receipt.count({ where: { processorReference: id } })).toBe(0);
    }
  });
});
