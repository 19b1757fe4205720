// Finding 8 (drop folder): the failure count of a drop-folder file lived in the worker's memory, so a file that
// crashed the worker was claimed again forever. Attempts are now counted in the database before each ingestion.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCamt053 } from "../bankfiles/generate.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { seedBankWorld } from "../testing/seed-bank-world.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { pollDropFolder } from "./poll-drop-folder.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
beforeAll(seedBankWorld);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-drop-attempts-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const ls = (sub = "") => (fs.existsSync(path.join(dir, sub)) ? fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort() : []);
const sha = (text: string) => crypto.createHash("sha256").update(text).digest("hex");
const later = () => Date.now() + 5_000;

describe("drop folder attempts, counted in the database", () => {
  it("a file whose earlier attempts never finished (workers crashed on it) is quarantined at the limit, not claimed again", async () => {
    const text = generateCamt053({ entries: 12, seed: 41 });
    // Three workers claimed this file and died mid-ingestion: each counted its attempt before starting.
    await getDb().dropFolderAttempt.create({ data: { sha256: sha(text), filename: "crasher.xml", attempts: 3, lastError: "worker exited (SIGKILL)" } });
    fs.writeFileSync(path.join(dir, "crasher.xml"), text);
    const run = await pollDropFolder(dir, later());
    expect(run?.outcomes).toEqual([expect.objectContaining({ file: "crasher.xml", status: "QUARANTINED" })]);
    expect(run?.outcomes[0]?.error).toBe("crasher.xml: gave up after 3 attempts that did not finish (each crashed, stalled or failed the worker); last error: worker exited (SIGKILL)");
    expect(ls()).toEqual([]);
    expect(ls("quarantine")).toEqual(["crasher.xml"]);
    expect(await getDb().bankTransaction.count()).toBe(0);
    expect(await getDb().dropFolderAttempt.count()).toBe(0);
    expect(await pollDropFolder(dir, later())).toBeNull(); // nothing left to claim
  });

  it("an attempt is counted before the ingestion starts and cleared once the file is done", async () => {
    const text = generateCamt053({ entries: 12, seed: 42 });
    fs.writeFileSync(path.join(dir, "fine.xml"), text);
    // One earlier attempt died: below the limit, so the file is taken (this is attempt 2 of 3).
    await getDb().dropFolderAttempt.create({ data: { sha256: sha(text), filename: "fine.xml", attempts: 1 } });
    const run = await pollDropFolder(dir, later());
    expect(run?.outcomes).toEqual([expect.objectContaining({ file: "fine.xml", status: "PROCESSED" })]);
    expect(ls("processed")).toEqual(["fine.xml"]);
    expect(await getDb().dropFolderAttempt.findUnique({ where: { sha256: sha(text) } })).toBeNull();
    expect(await getDb().bankTransaction.count()).toBe(12);
  });
});
