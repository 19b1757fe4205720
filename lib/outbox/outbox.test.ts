// Tests reach a receiver on 127.0.0.1 over plain http: allowed here explicitly, as an operator would for a local receiver.
process.env.WEBHOOK_ALLOW_HTTP = "true";
process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
process.env.CASHLINE_ENCRYPTION_KEY ??= "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { createSubscriber } from "./create-subscriber.ts";
import { fillDeliveries } from "./fill-deliveries.ts";
import { deliverPending } from "./deliver-pending.ts";
import { verifyWebhook } from "./sign-webhook.ts";

useFreshDatabase();

// A real HTTP subscriber that verifies signatures, fails the first N calls, and records what it got in order.
const received: { id: string; receipt: string | null; type: string; valid: boolean }[] = [];
let failFirst = 0;
let server: http.Server;
let url = "";
let secret = "";
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (failFirst > 0) { failFirst--; res.writeHead(503).end(); return; }
      const event = JSON.parse(body);
      received.push({ id: event.id, receipt: event.receipt_id, type: event.type, valid: verifyWebhook(secret, body, req.headers["cashline-signature"] as string, Math.floor(Date.now() / 1000)) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function seedReceipt(id: string) {
  const db = getDb();
  await db.legalEntity.upsert({ where: { code: "US01" }, update: {}, create: { id: "e1", code: "US01", name: "US", country: "US", functionalCurrency: "USD" } });
  await db.receipt.create({ data: { id, entityId: "e1", currency: "USD", amountMinor: 100n, unappliedMinor: 0n, valueDate: new Date("2026-11-02"), channel: "ACH", naturalKey: id, sourceSystem: "bank", sourceId: id, state: "POSTED" } });
}

async function event(receiptId: string, type: string, n: number) {
  return getDb().workflowEvent.create({ data: { type, receiptId, sourceSystem: "test", sourceId: `${receiptId}:${type}:${n}`, occurredAt: new Date() } });
}

describe("webhook outbox", () => {
  it("delivers signed events in order per receipt, retries failures, and publishes posted receipts once acknowledged", async () => {
    const admin = await getDb().user.create({ data: { email: "a@x.dev", name: "A", role: "ADMIN", passwordHash: "x" } });
    const sub = await createSubscriber({ name: "analytics", url, eventTypes: [] }, admin);
    secret = sub.secret;
    const stored = await getDb().webhookSubscriber.findUniqueOrThrow({ where: { id: sub.id } });
    expect(stored.secret).not.toContain(secret); // sealed at rest, not plain text
    expect(stored.secret).toMatch(/^sb1\./);
    await seedReceipt("r1");
    await seedReceipt("r2");
    await event("r1", "payment.received", 1);
    await event("r2", "payment.received", 1);
    await event("r1", "cash.applied", 2);
    await event("r1", "receipt.posted", 3);
    await event("r2", "receipt.posted", 2);
    expect(await fillDeliveries()).toBe(5);
    expect(await fillDeliveries()).toBe(0); // rescanning the unsettled window creates nothing twice
    failFirst = 2;
    for (let i = 0; i < 10 && received.length < 5; i++) {
      await deliverPending();
      await getDb().webhookDelivery.updateMany({ where: { status: "PENDING" }, data: { nextAttemptAt: new Date(0) } }); // skip the backoff wait
    }
    expect(received).toHaveLength(5);
    expect(received.every((r) => r.valid)).toBe(true);
    expect(received.filter((r) => r.receipt === "r1").map((r) => r.type)).toEqual(["payment.received", "cash.applied", "receipt.posted"]);
    const log = await getDb().webhookDelivery.findMany({ where: { subscriberId: sub.id } });
    expect(log.every((d) => d.status === "DELIVERED")).toBe(true);
    expect(log.reduce((s, d) => s + d.attempts, 0)).toBe(7);
    const states = await getDb().receipt.findMany({ orderBy: { id: "asc" }, select: { state: true } });
    expect(states.map((s) => s.state)).toEqual(["PUBLISHED", "PUBLISHED"]);
  });

  it("marks a delivery dead after the attempt limit, visible in the log", async () => {
    const db = getDb();
    const sub = await db.webhookSubscriber.create({ data: { name: "down", url: "http://127.0.0.1:9/never", secret: "s", cursorEventId: 0n } });
    await fillDeliveries();
    await db.webhookDelivery.updateMany({ where: { subscriberId: sub.id }, data: { attempts: 11 } });
    await deliverPending(100);
    const dead = await db.webhookDelivery.findMany({ where: { subscriberId: sub.id, status: "DEAD" } });
    expect(dead.length).toBeGreaterThan(0);
    expect(dead[0]!.lastError).toBe("connect_failed"); // a generic class, not "connect ECONNREFUSED 127.0.0.1:9"
    // The plain-text secret of a row from before sealing was sealed by the outbox run.
    expect((await db.webhookSubscriber.findUniqueOrThrow({ where: { id: sub.id } })).secret).toMatch(/^sb1\./);
  });
});
