import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client.ts";
import { getBoss, stopBoss } from "../jobs/boss.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { connectorStatus, getConnectorHealth } from "./get-connector-health.ts";
import { deadLetterError, listDeadLetters, listDeadLettersQuery, summarisePayload } from "./list-dead-letters.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

const NOW = new Date("2026-11-27T12:00:00Z");
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

describe("connectorStatus", () => {
  const base = { lastRunStatus: "SUCCEEDED", lastRunFinished: true, lagSeconds: 60, staleAfterSeconds: 3600, failures24h: 0 };
  it("reads the facts in order: failed last run, no recent success, recent failures", () => {
    expect(connectorStatus(base)).toBe("healthy");
    expect(connectorStatus({ ...base, failures24h: 2 })).toBe("degraded");
    expect(connectorStatus({ ...base, lagSeconds: 7200 })).toBe("stale");
    expect(connectorStatus({ ...base, lagSeconds: null })).toBe("stale");
    expect(connectorStatus({ ...base, lastRunStatus: "FAILED" })).toBe("failing");
    expect(connectorStatus({ ...base, lastRunFinished: false, lastRunStatus: "RUNNING" })).toBe("running");
  });
});

describe("getConnectorHealth", () => {
  it("summarises each connector's runs: last run, lag since the last success, failures in 24 h", async () => {
    const run = (connector: string, status: string, startedMinAgo: number, finished = true, error?: string) =>
      getDb().connectorRun.create({ data: { connector, status, startedAt: ago(startedMinAgo), finishedAt: finished ? ago(startedMinAgo - 1) : null, itemsIn: 5, error: error ?? null } });
    await run("bank.camt053", "SUCCEEDED", 120);
    await run("bank.camt053", "FAILED", 60, true, "SFTP refused the login");
    await run("billing.events", "SUCCEEDED", 11);
    await run("erp.posting", "SUCCEEDED", 3 * 24 * 60);
    await run("stripe.webhooks", "FAILED", 121);
    await run("stripe.webhooks", "SUCCEEDED", 61);
    await run("stripe.webhooks", "RUNNING", 1, false);
    const h = await getConnectorHealth(NOW);
    const by = Object.fromEntries(h.connectors.map((c) => [c.connector, c]));
    expect(h.connectors.map((c) => c.connector)).toEqual(["bank.camt053", "billing.events", "erp.posting", "stripe.webhooks"]);
    expect(by["bank.camt053"]).toMatchObject({ status: "failing", lastRunStatus: "FAILED", lastRunError: "SFTP refused the login", lagSeconds: 119 * 60, runs24h: 2, failures24h: 1, itemsIn24h: 10 });
    expect(by["billing.events"]).toMatchObject({ status: "healthy", lagSeconds: 600, failures24h: 0 });
    expect(by["erp.posting"]).toMatchObject({ status: "stale", runs24h: 0, lagSeconds: (3 * 24 * 60 - 1) * 60, staleAfterSeconds: 6 * 3600 });
    expect(by["stripe.webhooks"]).toMatchObject({ status: "running", lastRunStatus: "RUNNING", lastRunFinishedAt: null, lagSeconds: 3600, failures24h: 1, runs24h: 3 });
  });
});

describe("listDeadLetters", () => {
  it("says so when the job store does not exist yet", async () => {
    expect(await listDeadLetters(listDeadLettersQuery.parse({}))).toEqual({ available: false, total: 0, byQueue: [], items: [] });
  });

  it("lists both kinds of dead letter with queue, payload summary and error", async () => {
    const boss = await getBoss();
    // Retries exhausted: pg-boss moves the job to <queue>.dead itself, with its provenance.
    await boss.createQueue("test.post.dead");
    await boss.createQueue("test.post", { retryLimit: 0, deadLetter: "test.post.dead" });
    const sent = await boss.send("test.post", { cid: "cid-1", data: { journalEntryId: "je_1" } });
    const [job] = await boss.fetch("test.post");
    expect(job?.id).toBe(sent);
    await boss.fail("test.post", sent!, { message: "ERP answered 503" });
    // Permanent failure: run-job.ts sends the envelope with its error to the dead-letter queue.
    await boss.createQueue("test.parse.dead");
    await boss.send("test.parse.dead", { cid: "cid-2", data: { documentId: "doc_9" }, error: "not a bank file", jobId: "00000000-0000-4000-8000-000000000001" });

    const r = await listDeadLetters(listDeadLettersQuery.parse({}));
    expect(r.available).toBe(true);
    expect(r.total).toBe(2);
    expect(r.byQueue).toEqual([{ queue: "test.parse", count: 1 }, { queue: "test.post", count: 1 }]);
    const post = r.items.find((i) => i.queue === "test.post")!;
    expect(post).toMatchObject({ deadQueue: "test.post.dead", originalJobId: sent, correlationId: "cid-1", payloadSummary: "journalEntryId=je_1", error: "ERP answered 503" });
    const parse = r.items.find((i) => i.queue === "test.parse")!;
    expect(parse).toMatchObject({ deadQueue: "test.parse.dead", originalJobId: "00000000-0000-4000-8000-000000000001", correlationId: "cid-2", payloadSummary: "documentId=doc_9", error: "not a bank file" });
    const filtered = await listDeadLetters(listDeadLettersQuery.parse({ queue: "test.post" }));
    expect(filtered.items.map((i) => i.id)).toEqual([post.id]);
    expect(filtered.total).toBe(1);
  });

  it("summarises payloads on one line and finds the error of either kind", () => {
    expect(summarisePayload({ a: 1, b: { c: 2 } })).toBe('a=1, b={"c":2}');
    expect(summarisePayload({ long: "x".repeat(500) })).toHaveLength(160);
    expect(summarisePayload(null)).toBe("—");
    expect(deadLetterError({ error: "boom" }, null)).toBe("boom");
    expect(deadLetterError({}, { message: "503" })).toBe("503");
    expect(deadLetterError({}, null)).toBeNull();
  });
});

describe("erp.posting health from the postings", () => {
  it("reads the last acknowledged posting as the last success, not only ConnectorRun rows", async () => {
    const db = getDb();
    await db.legalEntity.create({ data: { id: "ent_T", code: "T01", name: "T", country: "DE", functionalCurrency: "EUR" } });
    await db.connectorRun.create({ data: { connector: "erp.posting", status: "FAILED", startedAt: ago(2 * 24 * 60), finishedAt: ago(2 * 24 * 60 - 1), itemsIn: 12, error: "ERP maintenance window (503)" } });
    for (const [i, min] of [[1, 30], [2, 5], [3, 1]] as const) {
      await db.journalEntry.create({ data: { entityId: "ent_T", currency: "EUR", kind: "cash_receipt", idempotencyKey: `k${i}`, status: "POSTED", createdAt: ago(min + 1), postedAt: ago(min) } });
    }
    const erp = (await getConnectorHealth(NOW)).connectors.find((c) => c.connector === "erp.posting")!;
    // Before: "failing", lastSuccessAt null, although the ERP acknowledged a posting a minute ago.
    expect(erp).toMatchObject({ status: "healthy", lastRunStatus: "SUCCEEDED", lastSuccessAt: ago(1).toISOString(), lagSeconds: 60, runs24h: 3 });
  });
});
