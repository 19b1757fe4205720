// Metrics are scraped over HTTP the way Prometheus does: the web's /api/metrics through its route handler, and a
// real worker process's own metrics port after it posted receipts to the ERP simulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedAppliedReceipt, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { requestErpPosting } from "../posting/request-erp-posting.ts";
import { spawnErpSim, type SpawnedErpSim } from "../erp-sim/spawn.ts";
import { spawnWorker, waitFor, type SpawnedWorker } from "../testing/spawn-worker.ts";
import { readMetrics } from "./read-metrics.ts";

const database = useFreshDatabase();
const TOKEN = "metrics-token-for-tests-0123456789";
let sim: SpawnedErpSim;
let worker: SpawnedWorker | undefined;
beforeAll(async () => { sim = await spawnErpSim({ seed: 7 }); });
afterAll(async () => {
  await worker?.kill("SIGTERM");
  await sim?.stop();
  await stopBoss({ graceful: false });
});

const sample = (text: string, name: string, labels: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
};

describe("web metrics (/api/metrics)", () => {
  it("is off without METRICS_TOKEN and refuses a wrong token", async () => {
    await expect(readMetrics("Bearer anything", undefined)).rejects.toMatchObject({ problem: { status: 404 } });
    await expect(readMetrics(null, TOKEN)).rejects.toMatchObject({ problem: { status: 401 } });
    await expect(readMetrics("Bearer wrong-token-wrong-token-00", TOKEN)).rejects.toMatchObject({ problem: { status: 401 } });
  });

  it("reports unapplied cash, open cases and queue depth read from the database", async () => {
    const world = await seedMiniWorld("m");
    const db = getDb();
    await db.receipt.create({ data: { id: "rcp_m_unapplied", entityId: world.entity.id, bankAccountId: world.bank.id, currency: "USD", amountMinor: 123_456n, unappliedMinor: 123_456n, valueDate: new Date(), channel: "ACH", payerName: "SOMEONE", remittance: "", state: "UNIDENTIFIED", naturalKey: "test:m1", sourceSystem: "bank", sourceId: "m1" } });
    await db.exceptionCase.create({ data: { code: "UNIDENTIFIED", entityId: world.entity.id, receiptId: "rcp_m_unapplied", slaDueAt: new Date(Date.now() + 86_400_000), reasons: ["test"] } });
    const res = await readMetrics(`Bearer ${TOKEN}`, TOKEN);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(sample(text, "cashline_unapplied_cash_minor_units", 'currency="USD"')).toBe(123456);
    expect(sample(text, "cashline_open_cases", 'code="UNIDENTIFIED"')).toBe(1);
    expect(text).toContain("# TYPE cashline_queue_jobs gauge");
    expect(text).toContain("process_cpu_seconds_total");
  });
});

describe("worker metrics port", () => {
  it("serves health, readiness and the ERP and posting-latency figures of the work it did", async () => {
    worker = await spawnWorker({ DATABASE_URL: database.url(), ERP_URL: sim.url, WORKER_METRICS_PORT: "0", METRICS_TOKEN: TOKEN, LOG_LEVEL: "warn" });
    const port = Number(/"metricsPort":(\d+)/.exec(worker.output())?.[1]);
    expect(port).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(401);

    const world = await seedMiniWorld("w");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { receipt } = await seedAppliedReceipt(world, 10_000n + BigInt(i));
      await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id, correlationId: `metrics-${receipt.id}` }));
      ids.push(receipt.id);
    }
    await waitFor(async () => (await getDb().receipt.count({ where: { id: { in: ids }, postedAt: { not: null } } })) === 3, 30_000, "3 postings");
    const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(sample(text, "cashline_payment_to_posting_seconds_count", 'channel="ACH"')).toBe(3);
    const erpOk = text.split("\n").filter((l) => l.startsWith("cashline_erp_requests_total{") && l.includes('outcome="2xx"'));
    expect(erpOk.reduce((s, l) => s + Number(l.slice(l.lastIndexOf(" ") + 1)), 0)).toBeGreaterThanOrEqual(3);
    expect(sample(text, "cashline_jobs_total", 'outcome="completed"')).toBeGreaterThanOrEqual(1);
  }, 90_000);
});

describe("Grafana dashboard", () => {
  it("reads only metrics this code registers", async () => {
    const fs = await import("node:fs");
    const dashboard = JSON.parse(fs.readFileSync(new URL("./grafana-dashboard.json", import.meta.url), "utf8")) as { panels: { targets: { expr: string }[] }[] };
    const source = ["process-metrics.ts", "business-gauges.ts"].map((f) => fs.readFileSync(new URL(`./${f}`, import.meta.url), "utf8")).join("\n");
    const used = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/cashline_[a-z_]+/g) ?? [])));
    expect(used.size).toBeGreaterThan(8);
    for (const name of used) expect(source, name).toContain(`"${name.replace(/_(bucket|count|sum)$/, "")}"`);
  });
});
