// Reliability of the posting path against real processes: the ERP simulator and worker processes are spawned,
// faults are switched on over HTTP, workers are killed. The simulator's ledger is the evidence of exactly-once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../lib/testing/test-database.ts";
import { seedAppliedReceipt, seedMiniWorld } from "../lib/testing/fixtures.ts";
import { getDb } from "../lib/db/client.ts";
import { stopBoss } from "../lib/jobs/boss.ts";
import { requestErpPosting } from "../lib/posting/request-erp-posting.ts";
import { spawnErpSim, type SpawnedErpSim } from "../lib/erp-sim/spawn.ts";
import { spawnWorker, waitFor, type SpawnedWorker } from "../lib/testing/spawn-worker.ts";
import { seedInvoice } from "../lib/testing/fixtures.ts";
import { receiveStripeWebhook } from "../lib/stripe/receive-stripe-webhook.ts";
import { chargeObject, signedDelivery, stripeEvent, stripeId } from "../lib/stripe/stripe-fixtures.ts";
import { receiveBankFile } from "../lib/bank-ingestion/receive-bank-file.ts";
import { camtStatement } from "../scripts/lib/bench-camt.ts";

const database = useFreshDatabase();
let sim: SpawnedErpSim;
const workers: SpawnedWorker[] = [];
beforeAll(async () => { sim = await spawnErpSim({ seed: 42 }); });
afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill("SIGKILL")));
  await sim?.stop();
  await stopBoss({ graceful: false });
});

const workerEnv = () => ({ DATABASE_URL: database.url(), ERP_URL: sim.url, ERP_BREAKER_COOLDOWN_MS: "1000", ERP_TIMEOUT_MS: "3000", BOSS_MONITOR_SECONDS: "2", LOG_LEVEL: "warn" });
async function startWorker() { const w = await spawnWorker(workerEnv()); workers.push(w); return w; }
async function faults(body: Record<string, number>) {
  const res = await fetch(`${sim.url}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(res.ok).toBe(true);
}
async function ledger() {
  return (await (await fetch(`${sim.url}/__sim/ledger`)).json()) as { receipts: { ReceiptNumber: string }[]; counts: { receipts: number; applications: number } };
}
async function burst(n: number, base: bigint) {
  const world = await seedMiniWorld();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { receipt } = await seedAppliedReceipt(world, base + BigInt(i));
    await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id, correlationId: `burst-${receipt.id}` }));
    ids.push(receipt.id);
  }
  return ids;
}
async function diagnose(ids: string[]) {
  const entries = await getDb().journalEntry.groupBy({ by: ["status"], where: { receiptId: { in: ids } }, _count: true });
  const jobs = await getDb().$queryRaw<{ name: string; state: string; n: bigint }[]>`select name, state::text, count(*)::bigint as n from pgboss.job group by 1, 2`;
  return JSON.stringify({ entries, jobs: jobs.map((j) => `${j.name}:${j.state}:${j.n}`), workers: workers.map((w) => w.output().slice(-1500)) });
}
async function postedCount(ids: string[]) {
  return getDb().receipt.count({ where: { id: { in: ids }, postedAt: { not: null } } });
}
async function expectExactlyOnce(ids: string[]) {
  const l = await ledger();
  const numbers = l.receipts.map((r) => r.ReceiptNumber);
  for (const id of ids) expect(numbers.filter((n) => n === `CL-${id}`), id).toHaveLength(1);
  const entries = await getDb().journalEntry.findMany({ where: { receiptId: { in: ids } } });
  expect(entries.every((e) => e.status === "POSTED")).toBe(true);
}

describe("posting reliability (real processes)", () => {
  it("ERP down for a while during a burst: everything posts exactly once after recovery", async () => {
    const ids = await burst(60, 100_000n);
    // Down until we say so, with a window longer than workers take to start on a busy machine (a 12 s one was over
    // before they were ready). The workers meet the outage and open the shared circuit; the ERP's Retry-After (the
    // window's remaining seconds) holds it open; then the ERP comes back and the circuit lets a probe through.
    await faults({ maintenance_seconds: 40 });
    await Promise.all([startWorker(), startWorker()]);
    await new Promise((r) => setTimeout(r, 3000));
    expect(await postedCount(ids)).toBe(0);
    await faults({});
    await waitFor(async () => (await postedCount(ids)) === ids.length, 90_000, "all receipts posted after the maintenance window").catch(async (e) => { console.log("DIAG", await diagnose(ids)); throw e; });
    const stats = (await (await fetch(`${sim.url}/__sim/ledger`)).json()).faultStats;
    expect(JSON.stringify(stats)).toMatch(/maintenance/);
    await expectExactlyOnce(ids);
  }, 150_000);

  it("ERP commits then drops the connection (and fails at random): still exactly once", async () => {
    await faults({ drop_after_commit_ratio: 0.4, error_ratio: 0.2 });
    await faults({});
    const ids = await burst(60, 200_000n);
    await waitFor(async () => (await postedCount(ids)) === ids.length, 90_000, "all receipts posted despite drops").catch(async (e) => { console.log("DIAG", await diagnose(ids)); throw e; });
    await faults({});
    await expectExactlyOnce(ids);
  }, 150_000);

  it("a worker killed (SIGKILL) mid-batch and restarted: nothing lost, nothing doubled", async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill("SIGTERM")));
    await faults({});
    // Slow enough answers that a worker (five batches of 20 in flight) is surely mid-batch when it is killed.
    await faults({ latency_ms: 400 });
    const ids = await burst(300, 300_000n);
    const victim = await startWorker();
    await waitFor(async () => (await postedCount(ids)) >= 1, 60_000, "the first postings");
    await victim.kill("SIGKILL");
    const atKill = await postedCount(ids);
    expect(atKill).toBeLessThan(ids.length);
    await startWorker();
    await waitFor(async () => (await postedCount(ids)) === ids.length, 120_000, "all receipts posted after the restart").catch(async (e) => { console.log("DIAG", await diagnose(ids)); throw e; });
    await faults({});
    await expectExactlyOnce(ids);
  }, 200_000);

  it("the same webhook delivered 5 times and the same statement uploaded twice: one receipt each, one posting each", async () => {
    await faults({});
    if (!workers.some((w) => w.child.exitCode === null && w.child.signalCode === null)) await startWorker();
    const world = await seedMiniWorld();
    await getDb().bankAccount.update({ where: { id: world.bank.id }, data: { iban: "US00RELIABILITY00000001" } });
    const card = await seedInvoice(world, 45_600n, "INV-2026-770001");
    const wired = await seedInvoice(world, 12_300n, "INV-2026-770002");
    const secret = "whsec_reliability_0123456789";
    const chargeId = stripeId("ch");
    const event = stripeEvent("charge.succeeded", chargeObject({ id: chargeId, paymentIntentId: stripeId("pi"), amount: 45_600, currency: "usd", name: "Acme Widgets Inc.", metadata: { invoice_number: card.number, entity: "US01" } }));
    const answers = await Promise.all(Array.from({ length: 5 }, () => { const d = signedDelivery(event, secret); return receiveStripeWebhook(d.body, d.headers["stripe-signature"]!, { secret }); }));
    expect(answers).toHaveLength(5);
    const file = Buffer.from(camtStatement({ iban: "US00RELIABILITY00000001", currency: "USD", date: "2026-11-26", opening: 1_000_000n, payments: [{ amountMinor: 12_300n, remittance: `INVOICE ${wired.number}`, payer: "ACME WIDGETS", ref: "REL-WIRE-1" }] }));
    const sender = { kind: "system" as const, label: "reliability test" };
    const first = await receiveBankFile({ content: file, filename: "a.xml", contentType: "application/xml", sender });
    const second = await receiveBankFile({ content: file, filename: "a-again.xml", contentType: "application/xml", sender });
    expect(second).toMatchObject({ id: first.id, duplicate: true });
    const mine = { OR: [{ processorReference: { contains: chargeId } }, { bankReference: { contains: chargeId } }, { naturalKey: { contains: chargeId } }, { remittance: { contains: wired.number } }] };
    await waitFor(async () => (await getDb().receipt.count({ where: { ...mine, postedAt: { not: null } } })) === 2, 90_000, "both receipts posted");
    const receipts = await getDb().receipt.findMany({ where: mine, select: { id: true } });
    expect(receipts).toHaveLength(2);
    await expectExactlyOnce(receipts.map((r) => r.id));
    expect(await getDb().journalEntry.count({ where: { receiptId: { in: receipts.map((r) => r.id) } } })).toBe(2);
  }, 150_000);

  it("split lanes (one bulk, one express worker): a statement and card payments all post exactly once, the cards on the express worker", async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill("SIGTERM")));
    await faults({ error_ratio: 0.2 });
    const world = await seedMiniWorld();
    await getDb().bankAccount.update({ where: { id: world.bank.id }, data: { iban: "US00RELIABILITY00000002" } });
    const wired = await Promise.all(Array.from({ length: 150 }, (_, i) => seedInvoice(world, 50_000n + BigInt(i), `INV-2026-61${String(i).padStart(4, "0")}`)));
    const cards = await Promise.all(Array.from({ length: 6 }, (_, i) => seedInvoice(world, 70_000n + BigInt(i), `INV-2026-62${String(i).padStart(4, "0")}`)));
    const bulk = await spawnWorker({ ...workerEnv(), WORKER_LANES: "bulk", LOG_LEVEL: "info" });
    const express = await spawnWorker({ ...workerEnv(), WORKER_LANES: "express", LOG_LEVEL: "info" });
    workers.push(bulk, express);
    expect(bulk.output()).toMatch(/"lanes":"bulk"/);
    expect(express.output()).toMatch(/"msg":"worker.warmed"/); // its match indexes were built before it took work
    const file = Buffer.from(camtStatement({ iban: "US00RELIABILITY00000002", currency: "USD", date: "2026-11-26", opening: 1_000_000n,
      payments: wired.map((inv, i) => ({ amountMinor: inv.amountMinor, remittance: `INVOICE ${inv.number}`, payer: "ACME WIDGETS", ref: `REL-SPLIT-${i}` })) }));
    await receiveBankFile({ content: file, filename: "split.xml", contentType: "application/xml", sender: { kind: "system", label: "reliability test" } });
    const secret = "whsec_reliability_0123456789";
    for (const inv of cards) {
      const d = signedDelivery(stripeEvent("charge.succeeded", chargeObject({ id: stripeId("ch"), paymentIntentId: stripeId("pi"), amount: Number(inv.amountMinor), currency: "usd", name: "Acme Widgets Inc.", metadata: { invoice_number: inv.number, entity: "US01" } })), secret);
      await receiveStripeWebhook(d.body, d.headers["stripe-signature"]!, { secret });
    }
    const mine = { entityId: world.entity.id, remittance: { contains: "INV-2026-6" } };
    await waitFor(async () => (await getDb().receipt.count({ where: { ...mine, postedAt: { not: null } } })) === 156, 120_000, "statement and card receipts posted")
      .catch(async (e) => { console.log("DIAG", await diagnose([])); throw e; });
    const receipts = await getDb().receipt.findMany({ where: mine, select: { id: true, channel: true, correlationId: true } });
    expect(receipts).toHaveLength(156);
    // The statement's jobs ran on the bulk worker, the card payments' on the express worker (passes logged per worker).
    const appliedBy = (w: SpawnedWorker) => w.output().split("\n").filter((l) => l.includes('"msg":"cash.applied_batch"')).reduce((n, l) => n + (JSON.parse(l) as { receipts: number }).receipts, 0);
    expect({ bulk: appliedBy(bulk), express: appliedBy(express) }).toEqual({ bulk: 150, express: 6 });
    for (const r of receipts.filter((x) => x.channel === "CARD")) expect(bulk.output()).not.toContain(r.correlationId!);
    await faults({});
  }, 180_000);
});
