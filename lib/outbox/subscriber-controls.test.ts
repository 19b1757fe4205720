// Findings of the controls issue on webhook subscribers: SSRF (private addresses, DNS rebinding, redirects, raw
// error text), plain http, unknown event types, and the missing pause/resume/delete/test/rotate.
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
import { deleteSubscriber, rotateSubscriberSecret, setSubscriberActive } from "./manage-subscriber.ts";
import { sendTestPing } from "./send-test-ping.ts";
import { makePolicy } from "./destination-policy.ts";
import { createSubscriberBody } from "./schemas.ts";
import { buildOpenApi } from "../api/build-openapi.ts";
import { allOperations } from "../api/operations.ts";

useFreshDatabase();

const hits: { path: string; type: string; body: string; signature: string }[] = [];
let server: http.Server;
let base = "";
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      hits.push({ path: req.url!, type: String(req.headers["cashline-event-type"]), body, signature: String(req.headers["cashline-signature"]) });
      if (req.url === "/redirect") { res.writeHead(307, { location: "/followed" }).end(); return; }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

let admin: { id: string; email: string };
beforeAll(async () => {
  admin = await getDb().user.create({ data: { email: "admin@x.dev", name: "Admin", role: "ADMIN", passwordHash: "x" } });
});
const event = (n: number) => getDb().workflowEvent.create({ data: { type: "payment.received", sourceSystem: "test", sourceId: `e${n}`, occurredAt: new Date() } });
const drain = async (opts: Parameters<typeof deliverPending>[1] = {}) => {
  await fillDeliveries();
  await deliverPending(50, opts);
};
const problemOf = async (p: Promise<unknown>) => (await p.then(() => null, (e) => e))?.problem;

describe("subscriber URLs", () => {
  it("refuses private, loopback, link-local and metadata addresses, and internal names, at registration", async () => {
    for (const url of ["http://169.254.169.254/latest/meta-data", "http://10.0.0.7:8080/erp", "http://[::1]:54329/", "http://[::ffff:127.0.0.2]/", "http://[fd00:ec2::254]/", "http://100.64.1.1/", "http://localhost:54329/", "http://erp.internal/"]) {
      const p = await problemOf(createSubscriber({ name: "probe", url, eventTypes: [] }, admin));
      expect(p?.status, url).toBe(422);
      expect(p?.errors?.[0]?.path).toBe("body.url");
    }
    expect(await getDb().webhookSubscriber.count()).toBe(0);
  });

  it("refuses unknown event types, and publishes the list in the OpenAPI document", () => {
    const r = createSubscriberBody.safeParse({ name: "a", url: "https://hooks.example.com/x", eventTypes: ["receipt.bogus"] });
    expect(r.success).toBe(false);
    expect(createSubscriberBody.safeParse({ name: "a", url: "https://hooks.example.com/x", eventTypes: ["receipt.posted"] }).success).toBe(true);
    expect(JSON.stringify(buildOpenApi(allOperations))).toContain('"receipt.posting_failed"');
  });

  it("allows http only by explicit setting (events carry personal data)", async () => {
    const { urlProblem } = await import("./destination-policy.ts");
    expect(urlProblem("http://hooks.example.com/x", makePolicy({ allowHttp: false, allowedHosts: "" }))).toMatch(/https/);
    expect(urlProblem("https://hooks.example.com/x", makePolicy({ allowHttp: false, allowedHosts: "" }))).toBeNull();
    expect(urlProblem("https://user:pw@hooks.example.com/x", makePolicy({ allowHttp: false, allowedHosts: "" }))).toMatch(/credentials/);
  });
});

describe("delivery", () => {
  it("checks the resolved addresses at delivery (DNS rebinding), incl. IPv4-mapped IPv6; stores a generic error", async () => {
    const sub = await createSubscriber({ name: "rebind", url: `http://hooks.example.com:${new URL(base).port}/hook`, eventTypes: [] }, admin);
    await event(1);
    const before = hits.length;
    await drain({ resolve: async () => [{ address: "10.0.0.5", family: 4 }] });
    await getDb().webhookDelivery.updateMany({ where: { subscriberId: sub.id }, data: { nextAttemptAt: new Date(0) } });
    await drain({ resolve: async () => [{ address: "::ffff:127.0.0.1", family: 6 }], policy: makePolicy({ allowHttp: true, allowedHosts: "" }) });
    expect(hits.length).toBe(before); // never connected
    const d = await getDb().webhookDelivery.findFirstOrThrow({ where: { subscriberId: sub.id } });
    expect(d).toMatchObject({ status: "PENDING", lastError: "address_refused", lastStatusCode: null, attempts: 2 });
    await deleteSubscriber(sub.id, admin);
  });

  it("does not follow redirects: a 3xx is a failed delivery", async () => {
    const sub = await createSubscriber({ name: "redirect", url: `${base}/redirect`, eventTypes: [] }, admin);
    await event(2);
    await drain();
    expect(hits.some((h) => h.path === "/followed")).toBe(false);
    const d = await getDb().webhookDelivery.findFirstOrThrow({ where: { subscriberId: sub.id } });
    expect(d).toMatchObject({ status: "PENDING", lastStatusCode: 307, lastError: "redirect_refused" });
    await deleteSubscriber(sub.id, admin);
    expect(await getDb().webhookDelivery.findFirstOrThrow({ where: { id: d.id } })).toMatchObject({ status: "DEAD", lastError: "subscriber_deleted" });
  });
});

describe("subscriber lifecycle", () => {
  it("pauses (events wait), resumes (they go), tests, rotates the secret and deletes, each audited", async () => {
    const sub = await createSubscriber({ name: "lifecycle", url: `${base}/life`, eventTypes: ["payment.received"] }, admin);
    await setSubscriberActive(sub.id, false, admin);
    await event(3);
    await getDb().webhookDelivery.updateMany({ where: { status: "PENDING" }, data: { nextAttemptAt: new Date(0) } });
    await drain();
    expect(hits.filter((h) => h.path === "/life")).toHaveLength(0);
    await setSubscriberActive(sub.id, true, admin);
    await drain();
    expect(hits.filter((h) => h.path === "/life").map((h) => h.type)).toEqual(["payment.received"]);

    const ping = await sendTestPing(sub.id, admin);
    expect(ping).toEqual({ ok: true, status: 204, error: null });
    const pinged = hits.at(-1)!;
    expect(pinged.type).toBe("webhook.ping");
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhook(sub.secret, pinged.body, pinged.signature, now)).toBe(true);

    const rotated = await rotateSubscriberSecret(sub.id, admin);
    expect(rotated.secret).not.toBe(sub.secret);
    await sendTestPing(sub.id, admin);
    const after = hits.at(-1)!;
    expect(verifyWebhook(rotated.secret, after.body, after.signature, now)).toBe(true);
    expect(verifyWebhook(sub.secret, after.body, after.signature, now)).toBe(false);

    await deleteSubscriber(sub.id, admin);
    expect((await problemOf(sendTestPing(sub.id, admin)))?.status).toBe(404);
    expect((await problemOf(setSubscriberActive(sub.id, true, admin)))?.status).toBe(404);
    const { listSubscribers } = await import("./list-subscribers.ts");
    expect((await listSubscribers()).items.map((s) => s.id)).not.toContain(sub.id);
    const actions = (await getDb().auditLog.findMany({ where: { targetId: sub.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual([
      "webhook_subscriber.created", "webhook_subscriber.paused", "webhook_subscriber.resumed", "webhook_subscriber.tested",
      "webhook_subscriber.secret_rotated", "webhook_subscriber.tested", "webhook_subscriber.deleted",
    ]);
  });

  it("a test ping to a refused address answers the generic class only", async () => {
    const db = getDb();
    const row = await db.webhookSubscriber.create({ data: { name: "legacy", url: "http://192.168.1.10/x", secret: "whsec_legacy", cursorEventId: 0n } });
    expect(await sendTestPing(row.id, admin)).toEqual({ ok: false, status: null, error: "url_refused" });
  });
});
