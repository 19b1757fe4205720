// The ingestion parses on a bounded worker thread: a file whose parse runs past the time limit is stopped and
// quarantined with the reason (nothing of it kept), and the process goes on serving the next file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCamt053 } from "../bankfiles/generate.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { rowsOf, seedBankWorld } from "../testing/seed-bank-world.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { ingestBankFile } from "./ingest-bank-file.ts";
import { receiveBankFile } from "./receive-bank-file.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
beforeAll(seedBankWorld);

async function store(text: string, filename: string) {
  return receiveBankFile({ content: Buffer.from(text), filename, contentType: "application/xml", sender: { kind: "system", label: "test" }, queueJob: false });
}

describe("parse guard in the ingestion", () => {
  it("quarantines a file whose parse passes the time limit, and the next file still goes through", async () => {
    const slow = await store(generateCamt053({ entries: 40_000, seed: 5 }), "too-slow.camt053.xml");
    const t0 = performance.now();
    const result = await ingestBankFile(slow.id, { correlationId: "cid_slow", parseLimits: { timeLimitMs: 150, memoryMb: 256 } });
    expect(result.status).toBe("QUARANTINED");
    const doc = await getDb().sourceDocument.findUniqueOrThrow({ where: { id: slow.id }, select: { status: true, error: true } });
    expect(doc.error).toMatch(/^too-slow\.camt053\.xml: parsing stopped: it took longer than the limit of 0\.15 s \(BANK_PARSE_TIME_LIMIT_MS\) near character \d+/);
    expect(await rowsOf(slow.id)).toEqual({ statements: 0, lines: 0, receipts: 0 });
    expect(performance.now() - t0).toBeLessThan(20_000);

    const next = await store(generateCamt053({ entries: 30, seed: 6 }), "next.camt053.xml");
    expect((await ingestBankFile(next.id, { correlationId: "cid_next" })).status).toBe("PROCESSED");
    expect(await rowsOf(next.id)).toMatchObject({ statements: 1, lines: 30 });
  });
});
