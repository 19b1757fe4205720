// One payment, one trace: a signed Stripe webhook taken by the web's route handler (this process), applied and
// posted by a real worker process, booked by the ERP simulator over HTTP. Both processes export over OTLP to an
// in-process collector; the trace must hold the request, each job and the ERP call, parented across processes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedInvoice, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { spawnErpSim, type SpawnedErpSim } from "../erp-sim/spawn.ts";
import { spawnWorker, waitFor, type SpawnedWorker } from "../testing/spawn-worker.ts";
import { chargeObject, signedDelivery, stripeEvent, stripeId } from "../stripe/stripe-fixtures.ts";
import { startOtlpCollector } from "./otlp-collector.ts";
import { startTracing, stopTracing } from "./tracing.ts";

const SECRET = "whsec_tracing_test_0123456789";
const database = useFreshDatabase();
let collector: Awaited<ReturnType<typeof startOtlpCollector>>;
let sim: SpawnedErpSim;
let worker: SpawnedWorker | undefined;

beforeAll(async () => {
  collector = await startOtlpCollector();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
  process.env.OTEL_BSP_SCHEDULE_DELAY = "100";
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  expect(startTracing("cashline-web")).toBe(true);
  sim = await spawnErpSim({ seed: 11 });
});
afterAll(async () => {
  await worker?.kill("SIGTERM");
  await sim?.stop();
  await stopBoss({ graceful: false });
  await stopTracing();
  await collector?.close();
});

describe("tracing", () => {
  it("follows one card payment from the webhook through its jobs to the ERP call in one trace", async () => {
    const world = await seedMiniWorld("tr");
    const invoice = await seedInvoice(world, 45_600n, "INV-2026-880001");
    worker = await spawnWorker({ DATABASE_URL: database.url(), ERP_URL: sim.url, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: "100", LOG_LEVEL: "warn" });
    const { POST } = await import("../../app/api/webhooks/stripe/route.ts");
    const chargeId = stripeId("ch");
    const delivery = signedDelivery(stripeEvent("charge.succeeded", chargeObject({ id: chargeId, paymentIntentId: stripeId("pi"), amount: 45_600, currency: "usd", name: "Acme Widgets Inc.", metadata: { invoice_number: invoice.number, entity: "US01" } })), SECRET);
    const res = await POST(new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: delivery.body, headers: delivery.headers }));
    expect(res.status).toBe(200);
    const receiptId = ((await res.json()) as { result: { receiptId: string } }).result.receiptId;
    await waitFor(async () => (await getDb().receipt.findUniqueOrThrow({ where: { id: receiptId } })).postedAt !== null, 60_000, "the card receipt posted");

    const request = await (async () => {
      for (let i = 0; i < 100; i++) {
        const found = collector.spans.find((s) => s.name === "POST /api/webhooks/stripe" && s.service === "cashline-web");
        if (found) return found;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("no span for the webhook request");
    })();
    const inTrace = () => collector.spans.filter((s) => s.traceId === request.traceId);
    // The posting job's span ends (and is exported) after its ERP calls' spans: wait for both.
    await waitFor(async () => inTrace().some((s) => s.name.startsWith("ERP POST")) && inTrace().some((s) => s.name === "job erp.post-journal-entry"), 45_000, "the ERP call's and the posting job's spans");
    const spans = inTrace();
    const byName = (prefix: string) => spans.filter((s) => s.name.startsWith(prefix));
    const [apply] = byName("job cash.");
    const [posting] = byName("job erp.post-journal-entry");
    const erpCall = byName("ERP POST").at(-1)!;
    expect(apply, JSON.stringify(spans.map((s) => s.name))).toBeDefined();
    expect(posting).toBeDefined();
    expect(apply!.service).toBe("cashline-worker");
    // Parentage: request → apply job → posting job → ERP call, across two processes.
    expect(apply!.parentSpanId).toBe(request.spanId);
    expect(posting!.parentSpanId).toBe(apply!.spanId);
    expect(spans.find((s) => s.spanId === erpCall.parentSpanId)?.name).toBe("job erp.post-journal-entry");
    // The correlation id the payment's timeline shows is on the request and on every job span.
    const cid = request.attributes["cashline.correlation_id"];
    expect(cid).toMatch(/^cid_/);
    for (const s of [apply!, posting!]) expect(s.attributes["cashline.correlation_id"]).toBe(cid);
    const timeline = await getDb().workflowEvent.findMany({ where: { receiptId }, select: { correlationId: true } });
    expect(timeline.some((e) => e.correlationId === cid)).toBe(true);
  }, 120_000);
});
