// The foreign keys of BankTransaction, Receipt and WorkflowEvent are statement-level triggers since migration
// 20261205050000 (checked once per COPY batch instead of once per row). They must still refuse what the built-in
// constraints refused — a child without its parent, on insert (row by row and in bulk) and on update — and keep
// their referential actions: RESTRICT, SET NULL and CASCADE when a parent goes or changes its id.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyInto, copyLine } from "../db/copy-rows.ts";
import { useFreshDatabase } from "../testing/test-database.ts";

const { ownerUrl } = useFreshDatabase();
let c: pg.Client;
beforeAll(async () => {
  c = new pg.Client({ connectionString: ownerUrl() });
  await c.connect();
  await c.query(`insert into "LegalEntity" (id, code, name, country, "functionalCurrency") values ('fk_de', 'FKDE', 'FK GmbH', 'DE', 'EUR')`);
  await c.query(`insert into "BankAccount" (id, "entityId", "bankName", "accountNumber", currency, name) values ('fk_acct', 'fk_de', 'B', '1', 'EUR', 'A')`);
  await c.query(`insert into "SourceDocument" (id, kind, "sourceSystem", sha256, "byteSize", content) values ('fk_doc', 'bank_statement', 'bank', 'fk', 0, '')`);
  await c.query(`insert into "BankStatement" (id, "bankAccountId", "documentId", "statementRef", format, "balanceCheck", "controlTotals") values ('fk_st', 'fk_acct', 'fk_doc', 's', 'camt.053', 'ok', 'ok')`);
});
afterAll(() => c?.end());

const LINE = ["id", "bankAccountId", "statementId", "naturalKey", "amountMinor", "currency", "valueDate"];
const line = (id: string, account: string, statement: string | null) => copyLine([id, account, statement, `k:${id}`, "100", "EUR", "2026-11-02"]);
const receipt = (id: string, entity: string, account: string | null, doc: string | null) => c.query(
  `insert into "Receipt" (id, "entityId", "bankAccountId", currency, "amountMinor", "unappliedMinor", "valueDate", channel, "naturalKey", "sourceSystem", "sourceId", "documentId", "updatedAt")
   values ($1, $2, $3, 'EUR', 100, 100, '2026-11-02', 'SEPA', $1, 'bank', $1, $4, now())`, [id, entity, account, doc]);
const event = (receiptId: string | null) => c.query(
  `insert into "WorkflowEvent" (type, "receiptId", "sourceSystem", "sourceId", "correlationId", payload, "occurredAt") values ('t', $1, 's', gen_random_uuid()::text, 'c', '{}', now())`, [receiptId]);
/** Runs `fn` in a transaction that is always rolled back; returns its error (or null). */
async function attempt(fn: () => Promise<unknown>): Promise<(Error & { code?: string; constraint?: string }) | null> {
  await c.query("begin");
  try {
    await fn();
    return null;
  } catch (err) {
    return err as Error;
  } finally {
    await c.query("rollback");
  }
}

describe("set-based foreign keys", () => {
  it("refuses a COPY batch with one line whose bank account or statement does not exist, naming the constraint", async () => {
    const good = line("l1", "fk_acct", "fk_st") + line("l2", "fk_acct", null);
    expect(await attempt(() => copyInto(c, "BankTransaction", LINE, good))).toBeNull();
    const badAccount = await attempt(() => copyInto(c, "BankTransaction", LINE, good + line("l3", "nope", "fk_st")));
    expect(badAccount).toMatchObject({ code: "23503", constraint: "BankTransaction_bankAccountId_fkey" });
    expect(badAccount!.message).toContain("violates foreign key constraint");
    const badStatement = await attempt(() => copyInto(c, "BankTransaction", LINE, good + line("l3", "fk_acct", "gone")));
    expect(badStatement).toMatchObject({ code: "23503", constraint: "BankTransaction_statementId_fkey" });
  });

  it("refuses receipts and events without their parents, on insert and on update", async () => {
    expect(await attempt(() => receipt("r1", "fk_de", "fk_acct", "fk_doc"))).toBeNull();
    expect(await attempt(() => receipt("r1", "xx", null, null))).toMatchObject({ code: "23503", constraint: "Receipt_entityId_fkey" });
    expect(await attempt(() => receipt("r1", "fk_de", "xx", null))).toMatchObject({ code: "23503", constraint: "Receipt_bankAccountId_fkey" });
    expect(await attempt(() => receipt("r1", "fk_de", null, "xx"))).toMatchObject({ code: "23503", constraint: "Receipt_documentId_fkey" });
    expect(await attempt(() => event("no_such_receipt"))).toMatchObject({ code: "23503", constraint: "WorkflowEvent_receiptId_fkey" });
    expect(await attempt(async () => { await receipt("r1", "fk_de", null, null); await event("r1"); await event(null); })).toBeNull();
    expect(await attempt(async () => {
      await receipt("r1", "fk_de", null, null);
      await c.query(`update "Receipt" set "bankAccountId" = 'fk_acct' where id = 'r1'`); // an existing parent: fine
      await c.query(`update "Receipt" set "bankAccountId" = 'xx' where id = 'r1'`);
    })).toMatchObject({ code: "23503", constraint: "Receipt_bankAccountId_fkey" });
    expect(await attempt(async () => {
      await copyInto(c, "BankTransaction", LINE, line("l1", "fk_acct", "fk_st"));
      await c.query(`update "BankTransaction" set "statementId" = 'xx' where id = 'l1'`);
    })).toMatchObject({ code: "23503", constraint: "BankTransaction_statementId_fkey" });
  });

  it("keeps the referential actions: RESTRICT, SET NULL and CASCADE", async () => {
    await c.query("begin");
    try {
      // An account referenced by a bank line only (no statement, whose own foreign key would refuse first).
      await c.query(`insert into "BankAccount" (id, "entityId", "bankName", "accountNumber", currency, name) values ('fk_acct2', 'fk_de', 'B', '2', 'EUR', 'A2')`);
      await copyInto(c, "BankTransaction", LINE, line("l1", "fk_acct", "fk_st") + line("l2", "fk_acct2", null));
      await receipt("r1", "fk_de", "fk_acct", "fk_doc");
      await event("r1");
      await c.query("savepoint s");
      await expect(c.query(`delete from "BankAccount" where id = 'fk_acct2'`)).rejects.toMatchObject({ code: "23503", constraint: "BankTransaction_bankAccountId_fkey" });
      await c.query("rollback to savepoint s");
      await c.query(`delete from "BankTransaction" where id = 'l2'`);
      await c.query(`delete from "BankAccount" where id = 'fk_acct2'`); // nothing refers to it any more
      await expect(c.query(`delete from "LegalEntity" where id = 'fk_de'`)).rejects.toMatchObject({ code: "23503" });
      await c.query("rollback to savepoint s");
      await c.query(`update "Receipt" set id = 'r2' where id = 'r1'`);
      expect((await c.query(`select count(*)::int as n from "WorkflowEvent" where "receiptId" = 'r2'`)).rows[0].n).toBe(1);
      await c.query(`update "BankStatement" set id = 'fk_st2' where id = 'fk_st'`);
      expect((await c.query(`select "statementId" from "BankTransaction" where id = 'l1'`)).rows[0].statementId).toBe("fk_st2");
      await c.query(`delete from "BankStatement" where id = 'fk_st2'`);
      expect((await c.query(`select "statementId" from "BankTransaction" where id = 'l1'`)).rows[0].statementId).toBeNull();
      await c.query(`delete from "SourceDocument" where id = 'fk_doc'`);
      expect((await c.query(`select "documentId" from "Receipt" where id = 'r2'`)).rows[0].documentId).toBeNull();
      await c.query(`delete from "Receipt" where id = 'r2'`);
      expect((await c.query(`select count(*)::int as n from "WorkflowEvent" where "receiptId" is null`)).rows[0].n).toBe(1);
    } finally {
      await c.query("rollback");
    }
  });
});
