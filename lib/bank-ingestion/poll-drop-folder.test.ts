// The drop-folder connector against a temp folder and a real database: complete files only, exactly-once
// claims between two concurrent pollers, SHA-256 dedupe, processed/ and quarantine/, one ConnectorRun per poll.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCamt053 } from "../bankfiles/generate.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedBankWorld } from "../testing/seed-bank-world.ts";
import { DROP_CONNECTOR, pollDropFolder } from "./poll-drop-folder.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
beforeAll(seedBankWorld);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-drop-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const ls = (sub = "") => fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();

describe("bank drop folder", () => {
  it("two pollers at once take every complete file exactly once and sort them into processed/ and quarantine/", async () => {
    const good = generateCamt053({ entries: 40, seed: 21 });
    fs.writeFileSync(path.join(dir, "a-good.camt053.xml"), good);
    fs.writeFileSync(path.join(dir, "b-same-bytes.xml"), good);
    fs.writeFileSync(path.join(dir, "c-broken.sta"), ":20:X\n:25:DE89370400440532013000\n:60F:C261101EUR1,00\n:61:garbage\n-\n");
    fs.writeFileSync(path.join(dir, "d-uploading.xml.part"), good.slice(0, 100));
    fs.writeFileSync(path.join(dir, "e-still-written.xml"), good.slice(0, 100));
    const now = Date.now() + 5_000;
    fs.utimesSync(path.join(dir, "e-still-written.xml"), new Date(now), new Date(now)); // modified "just now"

    const [p1, p2] = await Promise.all([pollDropFolder(dir, now), pollDropFolder(dir, now)]);
    const outcomes = [...(p1?.outcomes ?? []), ...(p2?.outcomes ?? [])];
    expect(outcomes.map((o) => o.file).sort()).toEqual(["a-good.camt053.xml", "b-same-bytes.xml", "c-broken.sta"]);
    expect(ls()).toEqual(["d-uploading.xml.part", "e-still-written.xml"]);
    expect(ls("processed")).toEqual(["a-good.camt053.xml", "b-same-bytes.xml"]);
    expect(ls("quarantine")).toEqual(["c-broken.sta"]);

    const db = getDb();
    const docs = await db.sourceDocument.findMany({ where: { kind: "bank_statement" }, orderBy: { filename: "asc" } });
    expect(docs.map((d) => [d.filename, d.status])).toEqual([["a-good.camt053.xml", "PROCESSED"], ["c-broken.sta", "QUARANTINED"]].sort());
    expect(await db.receipt.count()).toBe(await db.bankTransaction.count({ where: { amountMinor: { gt: 0n } } }));
    expect(await db.bankTransaction.count()).toBe(40);

    const runs = await db.connectorRun.findMany({ where: { connector: DROP_CONNECTOR } });
    expect(runs.reduce((n, r) => n + r.itemsIn, 0)).toBe(3);
    expect(runs.every((r) => r.status === "SUCCEEDED" && r.finishedAt)).toBe(true);
    expect(runs.map((r) => r.error ?? "").join("\n")).toMatch(/c-broken\.sta: quarantined: c-broken\.sta:4: :61: malformed statement line/);
  });

  it("records no run when nothing is there, and takes the same bytes under a new name as a duplicate", async () => {
    for (const f of ls()) fs.rmSync(path.join(dir, f));
    expect(await pollDropFolder(dir, Date.now() + 5_000)).toBeNull();
    fs.writeFileSync(path.join(dir, "again.xml"), generateCamt053({ entries: 40, seed: 21 }));
    const r = await pollDropFolder(dir, Date.now() + 5_000);
    expect(r?.outcomes).toEqual([expect.objectContaining({ file: "again.xml", status: "PROCESSED", duplicate: true })]);
    expect(ls("processed")).toContain("again.xml");
    expect(await getDb().bankTransaction.count()).toBe(40);
  });
});
