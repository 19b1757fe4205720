// The billing platform's receiving side (simulator): a Cashline webhook subscriber that checks each delivery's
// signature (Cashline-Signature, HMAC-SHA256 with the subscriber's secret) and keeps what billing acts on —
// credit-memo requests for valid deductions, collection requests for invalid ones. A bad signature is answered
// 401 and kept nowhere. GET /__sim/credit-memo-requests and /__sim/events show what arrived.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SIGNATURE_HEADER, verifyWebhook } from "../outbox/sign-webhook.ts";

export type InboxEvent = { id: string; type: string; payload: Record<string, unknown>; receivedAt: string };
export type BillingInbox = { url: string; port: number; events: InboxEvent[]; setSecret(secret: string): void; stop(): Promise<void> };

export async function startBillingInbox(opts: { port?: number; secret?: string } = {}): Promise<BillingInbox> {
  let secret = opts.secret ?? "";
  const events: InboxEvent[] = [];
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => { res.writeHead(status, { "content-type": "application/json" }); res.end(JSON.stringify(body)); };
    if (req.method === "GET" && req.url === "/__sim/health") return send(200, { ok: true });
    if (req.method === "GET" && req.url === "/__sim/events") return send(200, { events });
    if (req.method === "GET" && req.url === "/__sim/credit-memo-requests") return send(200, { requests: events.filter((e) => e.type === "deduction.credit_memo_requested") });
    if (req.method !== "POST") return send(404, { error: "not found" });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => { size += c.length; if (size <= 1_000_000) chunks.push(c); });
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      if (size > 1_000_000) return send(413, { error: "too large" });
      if (!secret || !verifyWebhook(secret, body, req.headers[SIGNATURE_HEADER] as string | undefined ?? null, Math.floor(Date.now() / 1000))) return send(401, { error: "bad signature" });
      let event: { id?: unknown; type?: unknown; payload?: unknown; data?: unknown };
      try { event = JSON.parse(body); } catch { return send(400, { error: "not JSON" }); }
      const id = String(event.id ?? "");
      if (!events.some((e) => e.id === id)) {
        events.push({ id, type: String(event.type ?? ""), payload: ((event.payload ?? event.data) ?? {}) as Record<string, unknown>, receivedAt: new Date().toISOString() });
      }
      send(200, { received: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`, port, events,
    setSecret: (s) => { secret = s; },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
