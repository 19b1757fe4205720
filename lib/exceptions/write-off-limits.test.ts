// Finding 2 of the controls issue: write-off limits could be walked around. Each test here failed on the code as
// found (a limit checked per request in raw minor units, shortfall write-offs needing no cash, any receipt state).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { writeOffReceipt } from "./write-off-receipt.ts";
import { approveWriteOff } from "./approve-write-off.ts";
import { limitBreaches } from "./write-off-limits.ts";
import { actor, makeInvoice, makeReceipt, reloadInvoice, seedWorld, type World } from "./test-fixtures.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
let w: World;
beforeAll(async () => { w = await seedWorld(); });

const err = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a refusal"); }, (e: { problem?: { status: number; detail: string } }) => e.problem!);

describe("limitBreaches (pure)", () => {
  const limit = { perWriteOffMinor: 5_000n, perReceiptMinor: 8_000n, perInvoiceMinor: 6_000n, perDayMinor: 20_000n };
  it("compares the write-off plus what is already used with every limit", () => {
    expect(limitBreaches(limit, { dayMinor: 0n, receiptMinor: 0n, invoiceMinor: 0n }, { currency: "USD", amountMinor: 5_000n, invoiceId: "i" })).toEqual([]);
    expect(limitBreaches(limit, { dayMinor: 15_001n, receiptMinor: 3_001n, invoiceMinor: 1_001n }, { currency: "USD", amountMinor: 5_000n, invoiceId: "i" }))
      .toEqual(["per day USD 200.00 (USD 150.01 already today)", "per receipt USD 80.00 (USD 30.01 already on it)", "per invoice USD 60.00 (USD 10.01 already on it)"]);
    expect(limitBreaches(limit, { dayMinor: 0n, receiptMinor: 0n, invoiceMinor: 9_999n }, { currency: "USD", amountMinor: 1n, invoiceId: null })).toEqual([]);
    expect(limitBreaches(null, { dayMinor: 0n, receiptMinor: 0n, invoiceMinor: 0n }, { currency: "JPY", amountMinor: 1n, invoiceId: null })).toEqual(["no write-off limit in JPY"]);
  });
});

describe("write-off limits that add up", () => {
  it("refuses a shortfall write-off that comes with no cash on its invoice (it used to settle invoices out of nothing)", async () => {
    const inv = await makeInvoice(w, { amountMinor: 1_000_000n });
    const { receipt } = await makeReceipt(w, { amountMinor: 1_000n });
    const p = await err(writeOffReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, amount: "50.00", reasonCode: "small_balance", invoiceId: inv.id, applications: [] }));
    expect(p.status).toBe(422);
    expect(p.detail).toMatch(/apply this receipt's cash to the same invoice/);
    expect((await reloadInvoice(inv.id)).openAmountMinor).toBe(1_000_000n);
  });

  it("counts earlier write-offs on the same invoice: the second one over the per-invoice limit needs approval", async () => {
    const inv = await makeInvoice(w, { amountMinor: 100_000n });
    const first = await makeReceipt(w, { amountMinor: 1_000n });
    const ok = await writeOffReceipt(actor(w.analyst), first.receipt.id, { receiptVersion: 0, amount: "40.00", reasonCode: "small_balance", invoiceId: inv.id, applications: [{ invoiceId: inv.id, amount: "10.00" }] });
    expect(ok.outcome).toBe("applied");
    const second = await makeReceipt(w, { amountMinor: 1_000n });
    // Another analyst takes a turn on the same invoice: the invoice limit counts everyone's write-offs.
    const parked = await writeOffReceipt(actor(w.analyst2), second.receipt.id, { receiptVersion: 0, amount: "40.00", reasonCode: "small_balance", invoiceId: inv.id, applications: [{ invoiceId: inv.id, amount: "10.00" }] });
    expect(parked.outcome).toBe("pending_approval");
    expect(parked.message).toMatch(/per invoice USD 50.00 \(USD 40.00 already on it\)/);
    expect((await reloadInvoice(inv.id)).openAmountMinor).toBe(100_000n - 5_000n);
  });

  it("counts the user's write-offs of the day, pending ones included", async () => {
    const u = await getDb().user.create({ data: { email: `day-${Date.now()}@t.dev`, name: "Day", role: "AR_ANALYST", passwordHash: "x" } });
    await getDb().writeOffLimit.create({ data: { userId: u.id, currency: "USD", perWriteOffMinor: 5_000n, perReceiptMinor: 5_000n, perInvoiceMinor: 5_000n, perDayMinor: 7_000n } });
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { receipt } = await makeReceipt(w, { amountMinor: 13_000n, state: "OVERPAYMENT", code: "OVERPAYMENT", customerId: w.acme.id });
      outcomes.push((await writeOffReceipt(actor({ ...u, writeOffLimitMinor: 0n }), receipt.id, { receiptVersion: 0, amount: "30.00", reasonCode: "small_overpayment", applications: [] })).outcome);
    }
    expect(outcomes).toEqual(["partially_applied", "partially_applied", "pending_approval"]);
  });

  it("never writes off on a posted receipt", async () => {
    const { receipt } = await makeReceipt(w, { amountMinor: 1_000n, state: "POSTED", code: null, customerId: w.acme.id });
    const p = await err(writeOffReceipt(actor(w.controller), receipt.id, { receiptVersion: 0, amount: "1.00", reasonCode: "small_overpayment", applications: [] }));
    expect(p.status).toBe(409);
    expect(p.detail).toMatch(/posted cannot take a write-off/);
    expect(await getDb().application.count({ where: { receiptId: receipt.id } })).toBe(0);
  });

  // Issue 17 changed this rule: a write-off is compared with the limits in the entity's functional currency (USD
  // here), converted at the value date's rate; without a rate a second person decides (before: "no limit in EUR").
  it("compares a write-off in another currency with the functional-currency limits; without a rate it needs approval, and the approver too", async () => {
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 1_000n, currency: "EUR", state: "OVERPAYMENT", code: "OVERPAYMENT", customerId: w.acme.id });
    const res = await writeOffReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, amount: "0.01", reasonCode: "small_overpayment", applications: [] });
    expect(res.outcome).toBe("pending_approval");
    expect(res.message).toMatch(/no EUR\/USD exchange rate on or before 2026-11-02/);
    const p = await err(approveWriteOff(actor(w.controller), kase!.id, {}));
    expect(p.status).toBe(403);
    expect(p.detail).toMatch(/no EUR\/USD exchange rate/);
    await getDb().fxRate.create({ data: { day: new Date("2026-11-02"), base: "EUR", quote: "USD", rate: "1.0800", source: "MANUAL" } });
    expect((await approveWriteOff(actor(w.controller), kase!.id, {})).outcome).toBe("approved");
    expect(await getDb().application.findFirstOrThrow({ where: { receiptId: receipt.id, kind: "WRITE_OFF" } })).toMatchObject({ appliedById: w.analyst.id, approvedById: w.controller.id });
  });

  it("converts before comparing: JPY 6,000 (= USD 40.00) is within a USD 50.00 limit, JPY 8,000 (= USD 53.33) is not", async () => {
    await getDb().fxRate.createMany({ data: [
      { day: new Date("2026-11-01"), base: "EUR", quote: "USD", rate: "1.08", source: "ECB" },
      { day: new Date("2026-11-01"), base: "EUR", quote: "JPY", rate: "162.00", source: "ECB" },
    ], skipDuplicates: true });
    const a = await makeReceipt(w, { amountMinor: 100_000n, currency: "JPY", state: "OVERPAYMENT", code: "OVERPAYMENT", customerId: w.acme.id, valueDate: new Date("2026-11-01") });
    expect((await writeOffReceipt(actor(w.analyst2), a.receipt.id, { receiptVersion: 0, amount: "6000", reasonCode: "small_overpayment", applications: [] })).outcome).not.toBe("pending_approval");
    const b = await makeReceipt(w, { amountMinor: 100_000n, currency: "JPY", state: "OVERPAYMENT", code: "OVERPAYMENT", customerId: w.acme.id, valueDate: new Date("2026-11-01") });
    const res = await writeOffReceipt(actor(w.analyst2), b.receipt.id, { receiptVersion: 0, amount: "8000", reasonCode: "small_overpayment", applications: [] });
    expect(res.outcome).toBe("pending_approval");
    expect(res.message).toMatch(/per write-off USD 50.00 \(JPY 8,000 = USD 53.33 at 0.0066666667 \(2026-11-01\)\)/);
  });

  it("two simultaneous write-offs on one invoice cannot both slip under its limit", async () => {
    const inv = await makeInvoice(w, { amountMinor: 100_000n });
    const [a, b] = await Promise.all([makeReceipt(w, { amountMinor: 1_000n }), makeReceipt(w, { amountMinor: 1_000n })]);
    const body = (id: string) => ({ receiptVersion: 0, amount: "30.00", reasonCode: "small_balance" as const, invoiceId: id, applications: [{ invoiceId: id, amount: "10.00" }] });
    const results = await Promise.all([
      writeOffReceipt(actor(w.analyst), a.receipt.id, body(inv.id)),
      writeOffReceipt(actor(w.analyst2), b.receipt.id, body(inv.id)),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["applied", "pending_approval"]);
    const written = await getDb().application.aggregate({ where: { invoiceId: inv.id, kind: "WRITE_OFF" }, _sum: { amountMinor: true } });
    expect(written._sum.amountMinor).toBe(3_000n);
  });
});
