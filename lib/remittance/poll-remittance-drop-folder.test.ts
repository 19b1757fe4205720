import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedInvoice, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { pollRemittanceDropFolder } from "./poll-remittance-drop-folder.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

const HEADER = "payment_reference,payer_name,currency,payment_amount,payment_date,document,paid,invoice_amount,discount,adjustment_amount,adjustment_reason,adjustment_text";

describe("remittance drop folder", () => {
  it("takes complete files in once, quarantines an unreadable one with the reason, leaves files still being written", async () => {
    const world = await seedMiniWorld();
    await seedInvoice(world, 10_000n, "INV-DROP-1");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "remit-drop-"));
    const old = (Date.now() - 5000) / 1000;
    const good = `${HEADER}\nDROP-1,ACME WIDGETS,USD,100.00,2026-11-30,INV-DROP-1,100.00,100.00,0.00,,,\n`;
    for (const [name, text] of [["good.csv", good], ["copy.csv", good], ["bad.csv", "hello,world\n"], ["partial.csv.part", good]] as const) {
      fs.writeFileSync(path.join(dir, name), text);
      fs.utimesSync(path.join(dir, name), old, old);
    }
    fs.writeFileSync(path.join(dir, "fresh.csv"), good); // modified just now: not settled yet
    const run = await pollRemittanceDropFolder(dir);
    const byFile = Object.fromEntries(run!.outcomes.map((o) => [o.file, o]));
    expect(byFile["good.csv"]).toMatchObject({ status: "PROCESSED", advices: 1 });
    expect(byFile["copy.csv"]).toMatchObject({ status: "PROCESSED", advices: 1 });
    // The same bytes twice: whichever came second is the same document.
    expect([byFile["good.csv"]!.duplicate, byFile["copy.csv"]!.duplicate].sort()).toEqual([false, true]);
    expect(byFile["good.csv"]!.documentId).toBe(byFile["copy.csv"]!.documentId);
    expect(byFile["bad.csv"]).toMatchObject({ status: "QUARANTINED", error: expect.stringContaining("bad.csv line 1") });
    expect(byFile["fresh.csv"]).toBeUndefined();
    expect(fs.readdirSync(path.join(dir, "processed")).sort()).toEqual(["copy.csv", "good.csv"]);
    expect(fs.readFileSync(path.join(dir, "quarantine", "bad.csv.error.txt"), "utf8")).toContain("bad.csv line 1: neither the remittance CSV header");
    expect(fs.readdirSync(dir).sort()).toEqual([".claimed", "fresh.csv", "partial.csv.part", "processed", "quarantine"]);
    expect(await getDb().remittanceAdvice.count({ where: { paymentReference: "DROP-1", channel: "drop_folder" } })).toBe(1);
    expect(await getDb().connectorRun.findUniqueOrThrow({ where: { id: run!.runId } })).toMatchObject({ connector: "remittance.drop-folder", status: "SUCCEEDED", itemsOut: 2 });
  });
});
