// The parallel-apply race between processes: three processes apply receipts at the same moment — two of them each
// hold one of two receipts claiming each of ten invoices, and a third takes the plain receipts the other two have. Within a process a receipt is claimed in memory
// (apply-receipts.ts); between processes only PostgreSQL's row locks settle it. Each receipt is applied once,
// the contested invoice once, and one journal entry is requested per applied receipt.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedInvoice, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";

const database = useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
const ROOT = path.resolve(import.meta.dirname, "../..");

type Child = { ready: Promise<void>; done: Promise<Record<string, number>> };

function startChild(ids: string[], cid: string, goFile: string): Child {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/testing/apply-receipts-child.ts", cid], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: database.url(), APPLY_GO_FILE: goFile, LOG_LEVEL: "warn" }, stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr.on("data", (c: Buffer) => { err += c.toString(); });
  const lines = (want: string) => new Promise<string>((resolve, reject) => {
    const check = () => { const line = out.split("\n").find((l) => l.includes(want)); if (line) resolve(line); };
    child.stdout.on("data", (c: Buffer) => { out += c.toString(); check(); });
    child.once("exit", (code) => { check(); reject(new Error(`child ${cid} exited ${code} before "${want}":\n${out}\n${err.slice(-3000)}`)); });
  });
  child.stdin.end(ids.join("\n"));
  return { ready: lines('"ready"').then(() => undefined), done: lines('"counts"').then((l) => JSON.parse(l).counts) };
}

async function receipt(world: Awaited<ReturnType<typeof seedMiniWorld>>, amountMinor: bigint, remittance: string, bankReference: string, payerName = "ACME WIDGETS") {
  return getDb().receipt.create({
    data: {
      entityId: world.entity.id, bankAccountId: world.bank.id, currency: "USD", amountMinor, unappliedMinor: amountMinor, valueDate: new Date("2026-11-20"),
      channel: "ACH", payerName, remittance, bankReference, naturalKey: `xp:${bankReference}`, sourceSystem: "bank", sourceId: bankReference,
    },
  });
}

describe("cash application across processes", () => {
  it("three processes at once: each receipt applied once, each contested invoice to one receipt, nothing over-applied", async () => {
    const world = await seedMiniWorld();
    const plain: string[] = [];
    for (let i = 0; i < 30; i++) {
      const inv = await seedInvoice(world, BigInt(60_000 + i), `INV-2026-4${String(i).padStart(5, "0")}`);
      plain.push((await receipt(world, inv.amountMinor, inv.number, `XP-${i}`)).id);
    }
    // Ten invoices, each claimed by two receipts that different processes decide at the same moment.
    const contested: { invoiceId: string; a: string; b: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const number = `INV-2026-7${String(i).padStart(5, "0")}`;
      const inv = await seedInvoice(world, BigInt(88_800 + i), number);
      const a = await receipt(world, inv.amountMinor, number, `XP-RACE-A${i}`);
      const b = await receipt(world, inv.amountMinor, number, `XP-RACE-B${i}`, "ACME WIDGETS INC");
      contested.push({ invoiceId: inv.id, a: a.id, b: b.id });
    }
    const aSide = contested.map((c) => c.a);
    const bSide = contested.map((c) => c.b);
    const all = [...plain, ...aSide, ...bSide];

    const goFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xp-apply-")), "go");
    const children = [
      startChild([...aSide, ...plain.slice(0, 15)], "xp-1", goFile),
      startChild([...bSide, ...plain.slice(15)], "xp-2", goFile),
      startChild([...plain].reverse(), "xp-3", goFile), // overlaps both: the plain receipts are contested too
    ];
    await Promise.all(children.map((c) => c.ready));
    fs.writeFileSync(goFile, "go");
    const counts = await Promise.all(children.map((c) => c.done));
    // Every process finished without an error; the two sides each decided their own contested receipts.
    expect(counts[0]!.applied + counts[0]!.exception).toBeGreaterThanOrEqual(10);
    expect(counts[1]!.applied + counts[1]!.exception).toBeGreaterThanOrEqual(10);
    expect(counts.reduce((n, c) => n + c.applied + c.exception, 0)).toBe(50);

    const apps = await getDb().application.findMany({ where: { receiptId: { in: all }, kind: "INVOICE", reversedAt: null } });
    expect(apps.filter((x) => plain.includes(x.receiptId))).toHaveLength(30);
    expect(new Set(apps.map((x) => x.receiptId)).size).toBe(apps.length);
    const states = new Map((await getDb().receipt.findMany({ where: { id: { in: all } }, select: { id: true, state: true } })).map((r) => [r.id, r.state]));
    for (const c of contested) {
      expect(apps.filter((x) => x.invoiceId === c.invoiceId), c.invoiceId).toHaveLength(1);
      expect((await getDb().invoice.findUniqueOrThrow({ where: { id: c.invoiceId } })).openAmountMinor).toBe(0n);
      expect([states.get(c.a), states.get(c.b)].sort()).toEqual(["APPLIED", "NEEDS_REVIEW"]);
    }
    expect(await getDb().journalEntry.count({ where: { receiptId: { in: all } } })).toBe(40);
  }, 120_000);
});
