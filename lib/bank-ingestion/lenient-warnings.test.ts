// Finding 16, stored and shown: a quirk the lenient reader accepts is a warning on the statement (BankStatement.
// warnings, in the bank file API the bank file page shows) and on stderr of `cashline parse-statement`, whose JSON
// stays exactly the contract's. The file used to be refused.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { addBankAccount, FIXTURES, ingestContent, seedBankWorld } from "../testing/seed-bank-world.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getBankFile } from "./get-bank-file.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
beforeAll(async () => {
  await seedBankWorld();
  await getDb().legalEntity.create({ data: { id: "ent_ca", code: "CA01", name: "Demo Canada", country: "CA", functionalCurrency: "CAD" } });
  await addBankAccount("bank_ca_1", "ent_ca", "10200123456", "CAD");
});

const quirky = fs.readFileSync(path.join(FIXTURES, "moov-bai2/test/testdata/sample1.txt"), "utf8").replace("49,+00000000000834000,14/", "49,,14/");
const WARNING = "line 16: account trailer (49): the control total is blank; the total is not checked (counts are)";

describe("lenient-reader warnings", () => {
  it("are stored on the statement and returned for the bank file page", async () => {
    const { result, doc } = await ingestContent(quirky, "blank-trailer.bai2");
    expect(result.status).toBe("PROCESSED");
    const statements = await getDb().bankStatement.findMany({ where: { documentId: doc.id }, orderBy: { sequence: "asc" }, select: { warnings: true } });
    expect(statements[0]?.warnings).toEqual([WARNING]);
    const detail = await getBankFile(doc.id);
    expect(detail.statementDetails[0]?.warnings).toEqual([WARNING]);
  });

  it("go to stderr of cashline parse-statement, exit 0, the JSON unchanged", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-lenient-"));
    const file = path.join(dir, "blank-trailer.bai2");
    fs.writeFileSync(file, quirky);
    const r = spawnSync(process.execPath, ["--import", "tsx", "bin/cashline.ts", "parse-statement", file], { cwd: path.resolve(import.meta.dirname, "../.."), encoding: "utf8", timeout: 30_000 });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`${file}: warning: ${WARNING}\n`);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(["format", "statements"]);
    expect(Object.keys(doc.statements[0])).toEqual(["id", "account", "currency", "opening_balance", "closing_balance", "checks", "entries"]);
  });
});
