// Unreconciled bank lines kept on write equal the bank lines themselves after every kind of write (bulk and single
// inserts, reconciling and un-reconciling, a corrected amount, a moved account or value date, deletes), folded or
// not; updates that touch nothing it counts append nothing; the cash position reads it.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { foldUnreconciledBankLines, getUnreconciledBankLines, getUnreconciledBankLinesFromLines } from "./unreconciled-bank-lines.ts";
import { findRollupDrift } from "./find-rollup-drift.ts";
import { getCashPosition } from "../dashboards/get-cash-position.ts";

useFreshDatabase();
let seq = 0;

function line(bankAccountId: string, amountMinor: bigint, valueDate: string, reconciled = false) {
  const id = `ub_${++seq}`;
  return { id, bankAccountId, naturalKey: `test:${id}`, amountMinor, currency: "USD", valueDate: new Date(valueDate), reconciled };
}

async function expectAgrees(label: string) {
  const [rolled, live] = await Promise.all([getUnreconciledBankLines(), getUnreconciledBankLinesFromLines()]);
  expect(rolled, label).toEqual(live);
  expect(await findRollupDrift(), label).toEqual([]);
  return rolled.map((r) => `${r.bankAccountId} ${r.valueDate} ${r.count} ${r.amountMinor}`);
}

describe("unreconciled bank lines kept on write", () => {
  it("equal the bank lines after every kind of write, folded or not, and the cash position reads them", async () => {
    const w = await seedMiniWorld("ub");
    const db = getDb();
    const other = await db.bankAccount.create({ data: { id: "ub_other", entityId: w.entity.id, bankName: "Other Bank", accountNumber: "999", currency: "USD", name: "Payroll", glAccount: "1020" } });
    await db.bankTransaction.createMany({ data: [line(w.bank.id, 10_000n, "2026-11-02"), line(w.bank.id, -2_500n, "2026-11-02"), line(w.bank.id, 700n, "2026-11-03", true), line(other.id, 1n, "2026-11-03")] });
    await db.bankTransaction.create({ data: line(w.bank.id, 300n, "2026-11-04") });
    expect(await expectAgrees("inserts")).toEqual([`${w.bank.id} 2026-11-02 2 7500`, `${w.bank.id} 2026-11-04 1 300`, "ub_other 2026-11-03 1 1"]);

    const moves = await db.unreconciledBankLineMovement.count();
    await db.bankTransaction.updateMany({ data: { counterpartyName: "ACME" } }); // touches no counted column
    await db.bankTransaction.updateMany({ where: { reconciled: true }, data: { amountMinor: 701n } }); // a reconciled line: not counted before or after
    expect(await db.unreconciledBankLineMovement.count(), "updates that change nothing counted append nothing").toBe(moves);

    await db.bankTransaction.updateMany({ where: { amountMinor: 10_000n }, data: { reconciled: true } }); // matched to a receipt
    await db.bankTransaction.updateMany({ where: { amountMinor: 701n }, data: { reconciled: false } }); // a match undone
    await db.bankTransaction.updateMany({ where: { amountMinor: -2_500n }, data: { amountMinor: -2_000n } }); // amount corrected
    await db.bankTransaction.updateMany({ where: { amountMinor: 1n }, data: { bankAccountId: w.bank.id, valueDate: new Date("2026-11-05") } }); // re-filed
    expect(await expectAgrees("updates")).toEqual([`${w.bank.id} 2026-11-02 1 -2000`, `${w.bank.id} 2026-11-03 1 701`, `${w.bank.id} 2026-11-04 1 300`, `${w.bank.id} 2026-11-05 1 1`]);

    const folded = await foldUnreconciledBankLines();
    expect(folded.movements).toBeGreaterThanOrEqual(8);
    expect(await db.unreconciledBankLineMovement.count()).toBe(0);
    expect(await expectAgrees("folded")).toHaveLength(4);

    const cash = await getCashPosition({ historyDays: 30 });
    expect(cash.accounts.find((a) => a.id === w.bank.id)).toMatchObject({ unreconciledCount: 4, unreconciledAmount: "-9.98" });
    expect(cash.accounts.find((a) => a.id === other.id)).toMatchObject({ unreconciledCount: 0, unreconciledAmount: "0.00" });

    await db.bankTransaction.deleteMany({ where: { valueDate: { lt: new Date("2026-11-04") } } });
    expect(await expectAgrees("deletes")).toEqual([`${w.bank.id} 2026-11-04 1 300`, `${w.bank.id} 2026-11-05 1 1`]);
    await foldUnreconciledBankLines();
    expect(await db.unreconciledBankLinesByValueDate.count()).toBe(2); // keys with nothing left are dropped
  });
});
