// node-postgres deprecates a query sent to a client that is still running one ("Calling client.query() when the
// client is already executing a query … will be removed in pg@9.0"): pg 9 will reject it. A real worker process
// (started with --trace-deprecation, so a warning carries its stack) ingests a bank file, applies its receipts and
// posts to the ERP simulator; its output must hold no such warning — nor any other deprecation from pg.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client.ts";
import { stopBoss } from "./boss.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedBankWorld } from "../testing/seed-bank-world.ts";
import { seedAppliedReceipt, seedMiniWorld } from "../testing/fixtures.ts";
import { spawnErpSim, type SpawnedErpSim } from "../erp-sim/spawn.ts";
import { spawnWorker, waitFor, type SpawnedWorker } from "../testing/spawn-worker.ts";
import { receiveBankFile } from "../bank-ingestion/receive-bank-file.ts";
import { generateCamt053 } from "../bankfiles/generate.ts";
import { requestErpPosting } from "../posting/request-erp-posting.ts";

const database = useFreshDatabase();
let sim: SpawnedErpSim;
let worker: SpawnedWorker | undefined;
beforeAll(async () => {
  sim = await spawnErpSim({ seed: 11 });
  await seedBankWorld();
});
afterAll(async () => {
  await worker?.kill("SIGTERM");
  await sim?.stop();
  await stopBoss({ graceful: false });
});

describe("worker and node-postgres", () => {
  it("ingests, applies and posts without a query sent to a busy pg client", async () => {
    worker = await spawnWorker({
      DATABASE_URL: database.url(), ERP_URL: sim.url, LOG_LEVEL: "warn",
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --trace-deprecation --trace-warnings`.trim(),
    });
    const world = await seedMiniWorld("pgw");
    const posted: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { receipt } = await seedAppliedReceipt(world, 20_000n + BigInt(i));
      await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id, correlationId: `pgw-${receipt.id}` }));
      posted.push(receipt.id);
    }
    const doc = await receiveBankFile({
      content: Buffer.from(generateCamt053({ entries: 300, seed: 3 })), filename: "pgw.xml", contentType: "application/xml", sender: { kind: "system", label: "test" },
    });
    await waitFor(async () => (await getDb().sourceDocument.findUniqueOrThrow({ where: { id: doc.id } })).status === "PROCESSED", 60_000, "the bank file");
    await waitFor(async () => (await getDb().receipt.count({ where: { documentId: doc.id, state: "RECEIVED" } })) === 0, 60_000, "cash application");
    await waitFor(async () => (await getDb().receipt.count({ where: { id: { in: posted }, postedAt: { not: null } } })) === posted.length, 60_000, "postings");
    expect(await getDb().receipt.count({ where: { documentId: doc.id } })).toBeGreaterThan(0);
    const output = worker.output();
    expect(output, output.slice(output.indexOf("already executing") - 200, output.indexOf("already executing") + 3000)).not.toContain("already executing a query");
    expect(output).not.toMatch(/DeprecationWarning[^\n]*pg@9/);
  }, 180_000);
});
