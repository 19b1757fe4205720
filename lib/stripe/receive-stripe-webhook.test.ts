// The Stripe webhook end to end through its route handler, against a real database.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { makePoolPressure } from "../testing/make-pool-pressure.ts";
import { seedConnectorWorld } from "../testing/seed-connector-world.ts";
import { getDb } from "../db/client.ts";
import { sha256Hex } from "../inbound/store-source-document.ts";
import { chargeObject, disputeObject, paymentIntentObject, signedDelivery, stripeEvent, stripeId, type ChargeInput } from "./stripe-fixtures.ts";
import { POST } from "../../app/api/webhooks/stripe/route.ts";
import { shedDecision } from "../http/admission.ts";

const SECRET = "whsec_unit_test_secret";
process.env.STRIPE_WEBHOOK_SECRET = SECRET;
useFreshDatabase();
beforeAll(async () => { await seedConnectorWorld(); });

async function deliver(event: object, secret = SECRET, headers: Record<string, string> = {}) {
  const d = signedDelivery(event, secret);
  const res = await POST(new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: d.body, headers: { ...d.headers, ...headers } }));
  return { status: res.status, body: await res.json(), raw: d.body, contentType: res.headers.get("content-type") };
}

function payment(over: Partial<ChargeInput> = {}): ChargeInput {
  return {
    id: stripeId("ch"), paymentIntentId: stripeId("pi"), amount: 125_000, currency: "usd", name: "Redforge Analytics Inc.", email: "ap@redforge.example",
    description: "Payment for invoice INV-2026-000123", metadata: { invoice_number: "INV-2026-000123" }, ...over,
  };
}

async function counts() {
  const db = getDb();
  return { docs: await db.sourceDocument.count(), inbound: await db.inboundEvent.count(), receipts: await db.receipt.count(), events: await db.workflowEvent.count() };
}

describe("Stripe webhook: signature", () => {
  it("refuses a bad or missing signature with 400 problem+json and stores nothing", async () => {
    const before = await counts();
    const ev = stripeEvent("charge.succeeded", chargeObject(payment()));
    const bad = await deliver(ev, "whsec_someone_else");
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain("application/problem+json");
    expect(bad.body.detail).toMatch(/signature/i);
    const d = signedDelivery(ev, SECRET);
    const missing = await POST(new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: d.body, headers: { "content-type": "application/json" } }));
    expect(missing.status).toBe(400);
    const tampered = await POST(new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: d.body.replace("125000", "1"), headers: d.headers }));
    expect(tampered.status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe("Stripe webhook: admission control", () => {
  it("answers 503 with Retry-After at once while the pool's queue is long, stores nothing, and takes the redelivery", async () => {
    const db = getDb();
    const pressure = await makePoolPressure();
    const ev = stripeEvent("charge.succeeded", chargeObject(payment()));
    const d = signedDelivery(ev, SECRET);
    const started = performance.now();
    const res = await POST(new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: d.body, headers: d.headers }));
    const ms = performance.now() - started;
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await res.json()).detail).toMatch(/at capacity \(\d+ requests wait for the database\); retry after \d+ s/);
    expect(ms).toBeLessThan(500); // refused before joining the queue (the sleepers hold it for seconds)
    await pressure.drained;
    // Nothing of the refused delivery was kept; the same bytes delivered again are taken.
    expect(await db.inboundEvent.count({ where: { eventId: ev.id } })).toBe(0);
    const again = await POST(new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: d.body, headers: d.headers }));
    expect(again.status).toBe(200);
    expect((await again.json()).duplicate).toBe(false);
  });

  it("sheds from twice the pool size in waiting callers, asking longer waits for longer queues", () => {
    expect(shedDecision({ waiting: 39, max: 20 })).toBeNull();
    expect(shedDecision({ waiting: 40, max: 20 })).toBe(2);
    expect(shedDecision({ waiting: 200, max: 20 })).toBe(10);
    expect(shedDecision({ waiting: 5_000, max: 20 })).toBe(30);
    expect(shedDecision({ waiting: 5_000, max: 20 }, 0)).toBeNull(); // WEBHOOK_SHED_QUEUE_FACTOR=0: never shed
  });
});

describe("Stripe webhook: payments", () => {
  it("makes one card receipt from payment_intent.succeeded and charge.succeeded of the same payment, with lineage", async () => {
    const p = payment({ customer: "cus_known" });
    const pi = await deliver(stripeEvent("payment_intent.succeeded", paymentIntentObject(p)));
    expect(pi.status).toBe(200);
    expect(pi.body).toMatchObject({ status: "PROCESSED", duplicate: false, result: { created: true } });
    const ch = await deliver(stripeEvent("charge.succeeded", chargeObject(p)));
    expect(ch.body).toMatchObject({ status: "PROCESSED", result: { created: false, receiptId: pi.body.result.receiptId } });

    const db = getDb();
    const receipts = await db.receipt.findMany({ where: { processorReference: p.id } });
    expect(receipts).toHaveLength(1);
    const r = receipts[0]!;
    expect(r).toMatchObject({
      naturalKey: `stripe:${p.id}`, channel: "CARD", currency: "USD", amountMinor: 125_000n, unappliedMinor: 125_000n, state: "RECEIVED",
      entityId: "ent_us", customerId: "cust_US01", payerName: "Redforge Analytics Inc.", payerEmail: "ap@redforge.example", sourceSystem: "stripe", sourceId: p.id,
    });
    expect(r.remittance).toContain("INV-2026-000123");
    const doc = await db.sourceDocument.findUniqueOrThrow({ where: { id: r.documentId! } });
    expect(doc.sha256).toBe(sha256Hex(pi.raw));
    const received = await db.workflowEvent.findMany({ where: { receiptId: r.id, type: "payment.received" } });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ sourceSystem: "stripe", businessKeys: expect.objectContaining({ chargeId: p.id, invoiceNumber: "INV-2026-000123", paymentIntentId: p.paymentIntentId }) });
    expect(await db.inboundEvent.count({ where: { sourceSystem: "stripe", status: "PROCESSED" } })).toBeGreaterThanOrEqual(2);
  });

  it("answers a redelivered event id 200 and changes nothing, also when deliveries race", async () => {
    const ev = stripeEvent("charge.succeeded", chargeObject(payment({ currency: "gbp", metadata: { invoice_number: "UK-100042" } })));
    const first = await deliver(ev);
    const before = await counts();
    const again = await Promise.all([deliver(ev), deliver(ev), deliver(ev)]);
    for (const a of again) expect(a).toMatchObject({ status: 200, body: { duplicate: true, result: first.body.result } });
    expect(await counts()).toEqual(before);

    const racing = stripeEvent("charge.succeeded", chargeObject(payment({ currency: "eur" })));
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(racing)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.filter((a) => !a.body.duplicate)).toHaveLength(1);
    expect(await getDb().receipt.count({ where: { currency: "EUR" } })).toBe(1);
    expect((await getDb().receipt.findFirstOrThrow({ where: { currency: "EUR" } })).entityId).toBe("ent_de");
  });

  it("answers duplicate:false to the delivery that arrived first when two race", async () => {
    // An outside connection holds the event's lock while the two deliveries arrive one after the other; both
    // queue on it in arrival order, and the first in the queue is the one that processes the event.
    const ev = stripeEvent("charge.succeeded", chargeObject(payment({ currency: "eur" })));
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    await holder.query("begin");
    await holder.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`stripe:${ev.id}`]);
    const waiters = async (n: number) => {
      for (let i = 0; i < 200; i++) {
        const { rows } = await holder.query("select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted");
        if (rows[0].n >= n) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`fewer than ${n} deliveries waited on the event's lock`);
    };
    const first = deliver(ev);
    await waiters(1);
    const second = deliver(ev);
    await waiters(2);
    await holder.query("commit");
    await holder.end();
    expect((await first).body.duplicate).toBe(false);
    expect((await second).body).toMatchObject({ duplicate: true, result: (await first).body.result });
  });

  it("takes the entity from metadata.entity and the customer from metadata.customer_account", async () => {
    const p = payment({ currency: "usd", metadata: { entity: "UK01", customer_account: "C-UK01", invoice_number: "UK-1" } });
    const res = await deliver(stripeEvent("charge.succeeded", chargeObject(p)));
    const r = await getDb().receipt.findUniqueOrThrow({ where: { id: res.body.result.receiptId } });
    expect(r).toMatchObject({ entityId: "ent_uk", customerId: "cust_UK01", currency: "USD" });
  });

  it("leaves an unknown Stripe customer for the matching engine", async () => {
    const res = await deliver(stripeEvent("charge.succeeded", chargeObject(payment({ customer: "cus_nobody_knows", metadata: {} }))));
    expect((await getDb().receipt.findUniqueOrThrow({ where: { id: res.body.result.receiptId } })).customerId).toBeNull();
  });

  it("keeps event types it does not use, and quarantines a signed but unreadable object", async () => {
    const ignored = await deliver(stripeEvent("customer.created", { id: "cus_1", object: "customer" }));
    expect(ignored.body.status).toBe("IGNORED");
    const broken = await deliver(stripeEvent("charge.succeeded", { id: "ch_broken", object: "charge" }));
    expect(broken.status).toBe(200);
    expect(broken.body.result.error).toMatch(/amount/);
    const doc = await getDb().sourceDocument.findFirstOrThrow({ where: { filename: `${broken.body.eventId}.json` } });
    expect(doc.status).toBe("QUARANTINED");
  });
});

describe("Stripe webhook: refunds", () => {
  it("reduces unapplied cash for a partial refund and returns the receipt on a full one", async () => {
    const p = payment({ amount: 10_000 });
    await deliver(stripeEvent("charge.succeeded", chargeObject(p)));
    const partial = await deliver(stripeEvent("charge.refunded", chargeObject({ ...p, amountRefunded: 2_500 })));
    expect(partial.body.result).toMatchObject({ refundMinor: "2500", full: false, caseId: null });
    const db = getDb();
    let r = await db.receipt.findUniqueOrThrow({ where: { naturalKey: `stripe:${p.id}` } });
    expect(r).toMatchObject({ unappliedMinor: 7_500n, refundedMinor: 2_500n, state: "RECEIVED" });
    // An older event delivered late (cumulative total lower) adds nothing.
    await deliver(stripeEvent("charge.refunded", chargeObject({ ...p, amountRefunded: 1_000 })));
    await deliver(stripeEvent("charge.refunded", chargeObject({ ...p, amountRefunded: 10_000 })));
    r = await db.receipt.findUniqueOrThrow({ where: { id: r.id } });
    expect(r).toMatchObject({ unappliedMinor: 0n, refundedMinor: 10_000n, state: "RETURNED" });
    const refunds = await db.workflowEvent.findMany({ where: { receiptId: r.id, type: "payment.refunded" } });
    expect(refunds).toHaveLength(2);
  });

  it("opens an exception when the refunded payment was already applied", async () => {
    const p = payment({ amount: 40_000 });
    const created = await deliver(stripeEvent("charge.succeeded", chargeObject(p)));
    const db = getDb();
    await db.receipt.update({ where: { id: created.body.result.receiptId }, data: { state: "APPLIED", unappliedMinor: 0n } });
    const res = await deliver(stripeEvent("charge.refunded", chargeObject({ ...p, amountRefunded: 5_000 })));
    expect(res.body.result.caseId).toBeTruthy();
    const c = await db.exceptionCase.findUniqueOrThrow({ where: { id: res.body.result.caseId } });
    expect(c).toMatchObject({ code: "RETURNED", priority: "HIGH", receiptId: created.body.result.receiptId, amountMinor: 5_000n });
    expect((await db.receipt.findUniqueOrThrow({ where: { id: c.receiptId! } })).state).toBe("APPLIED");
  });

  it("records a refund that arrives before its charge (the refund carries the whole charge)", async () => {
    const p = payment({ amount: 3_000 });
    const res = await deliver(stripeEvent("charge.refunded", chargeObject({ ...p, amountRefunded: 3_000 })));
    expect(res.body.status).toBe("PROCESSED");
    const late = await deliver(stripeEvent("charge.succeeded", chargeObject(p)));
    expect(late.body.result.created).toBe(false);
    expect((await getDb().receipt.findUniqueOrThrow({ where: { naturalKey: `stripe:${p.id}` } })).state).toBe("RETURNED");
  });
});

describe("Stripe webhook: disputes", () => {
  async function disputed(stateBefore: "RECEIVED" | "APPLIED") {
    const p = payment({ amount: 50_000 });
    const created = await deliver(stripeEvent("charge.succeeded", chargeObject(p)));
    const receiptId = created.body.result.receiptId as string;
    if (stateBefore === "APPLIED") await getDb().receipt.update({ where: { id: receiptId }, data: { state: "APPLIED", unappliedMinor: 0n } });
    const d = { id: stripeId("dp"), chargeId: p.id, paymentIntentId: p.paymentIntentId, amount: 50_000, currency: "usd", status: "needs_response", dueBy: new Date(Date.now() + 10 * 86_400_000) };
    const res = await deliver(stripeEvent("charge.dispute.created", disputeObject(d)));
    return { p, d, receiptId, res };
  }

  it("moves the receipt to CHARGEBACK and opens a high-priority CHARGEBACK case due before the evidence deadline", async () => {
    const { receiptId, res, d } = await disputed("APPLIED");
    const db = getDb();
    expect((await db.receipt.findUniqueOrThrow({ where: { id: receiptId } })).state).toBe("CHARGEBACK");
    const c = await db.exceptionCase.findUniqueOrThrow({ where: { id: res.body.result.caseId } });
    expect(c).toMatchObject({ code: "CHARGEBACK", priority: "HIGH", status: "OPEN", subjectId: d.id, receiptId, amountMinor: 50_000n });
    expect(c.slaDueAt.getTime()).toBeLessThan(d.dueBy.getTime());
    const moves = await db.workflowEvent.findMany({ where: { receiptId, toState: "CHARGEBACK" } });
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ fromState: "APPLIED", exceptionCode: "CHARGEBACK" });
  });

  it("won: the receipt goes back to its previous state and the case is resolved", async () => {
    const { receiptId, d, res } = await disputed("APPLIED");
    const closed = await deliver(stripeEvent("charge.dispute.closed", disputeObject({ ...d, status: "won" })));
    expect(closed.body.result).toMatchObject({ outcome: "won", state: "APPLIED" });
    const db = getDb();
    expect((await db.receipt.findUniqueOrThrow({ where: { id: receiptId } })).state).toBe("APPLIED");
    expect(await db.exceptionCase.findUniqueOrThrow({ where: { id: res.body.result.caseId } })).toMatchObject({ status: "RESOLVED", resolution: expect.stringContaining("won") });
  });

  it("won, but the way back is not a legal move: the receipt goes to a person (ESCALATED)", async () => {
    const { receiptId, d } = await disputed("RECEIVED");
    await deliver(stripeEvent("charge.dispute.closed", disputeObject({ ...d, status: "won" })));
    expect((await getDb().receipt.findUniqueOrThrow({ where: { id: receiptId } })).state).toBe("ESCALATED");
  });

  it("lost: the receipt is RETURNED and the case keeps the resolution", async () => {
    const { receiptId, d, res } = await disputed("RECEIVED");
    await deliver(stripeEvent("charge.dispute.closed", disputeObject({ ...d, status: "lost" })));
    const db = getDb();
    expect((await db.receipt.findUniqueOrThrow({ where: { id: receiptId } })).state).toBe("RETURNED");
    const c = await db.exceptionCase.findUniqueOrThrow({ where: { id: res.body.result.caseId } });
    expect(c.resolution).toMatch(/dispute lost/);
    expect(c.status).toBe("RESOLVED");
  });

  it("a dispute on a receipt that already has another active case is noted on that case, and its close does not fail", async () => {
    const p = payment({ amount: 9_000 });
    const created = await deliver(stripeEvent("charge.succeeded", chargeObject(p)));
    const receiptId = created.body.result.receiptId as string;
    const db = getDb();
    const r = await db.receipt.update({ where: { id: receiptId }, data: { state: "UNIDENTIFIED" } });
    const other = await db.exceptionCase.create({ data: { code: "UNIDENTIFIED", entityId: r.entityId, receiptId, slaDueAt: new Date(Date.now() + 86_400_000), reasons: ["payer not known"] } });
    const d = { id: stripeId("dp"), chargeId: p.id, amount: 9_000, currency: "usd", status: "needs_response" };
    expect((await deliver(stripeEvent("charge.dispute.created", disputeObject(d)))).status).toBe(200);
    const closed = await deliver(stripeEvent("charge.dispute.closed", disputeObject({ ...d, status: "lost" })));
    expect(closed.status).toBe(200);
    expect(closed.body.result).toMatchObject({ caseId: other.id, outcome: "lost", state: "RETURNED" });
    const c = await db.exceptionCase.findUniqueOrThrow({ where: { id: other.id } });
    expect(c.status).toBe("OPEN");
    expect(c.reasons.join(" ")).toMatch(new RegExp(`dispute ${d.id} lost: 90.00 USD returned`));
    expect((await db.receipt.findUniqueOrThrow({ where: { id: receiptId } })).state).toBe("RETURNED");
  });

  it("parks a dispute that arrives before its charge and handles it when the charge comes", async () => {
    const p = payment({ amount: 8_000 });
    const d = { id: stripeId("dp"), chargeId: p.id, amount: 8_000, currency: "usd", status: "needs_response" };
    const early = await deliver(stripeEvent("charge.dispute.created", disputeObject(d), { created: new Date(Date.now() - 1000) }));
    expect(early.body.status).toBe("PENDING");
    await deliver(stripeEvent("charge.succeeded", chargeObject(p), { created: new Date(Date.now() - 5000) }));
    const db = getDb();
    const r = await db.receipt.findUniqueOrThrow({ where: { naturalKey: `stripe:${p.id}` } });
    expect(r.state).toBe("CHARGEBACK");
    expect(await db.inboundEvent.findUniqueOrThrow({ where: { sourceSystem_eventId: { sourceSystem: "stripe", eventId: early.body.eventId } } })).toMatchObject({ status: "PROCESSED", waitingFor: null });
    expect(await db.exceptionCase.count({ where: { subjectId: d.id } })).toBe(1);
  });
});
