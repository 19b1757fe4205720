import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { actor, makeInvoice, makeReceipt, seedWorld, type World } from "../exceptions/test-fixtures.ts";
import { applyReceipt } from "../exceptions/apply-receipt.ts";
import { updateMatchingPolicy } from "./update-matching-policy.ts";
import { decidePolicyChange } from "./decide-policy-change.ts";
import { backtestPolicyChange } from "./backtest-policy-change.ts";
import { exportPolicyBacktestCsv, getPolicyBacktestRows } from "./get-policy-backtest.ts";
import { rollbackMatchingPolicy } from "./rollback-matching-policy.ts";
import { draftLearnedPayers } from "./draft-learned-payers.ts";
import { policyChangeOf } from "./list-policy-changes.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
const DAY = 86_400_000;
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: { problem?: { status: number; detail: string } }) => e.problem ?? Promise.reject(e));
let w: World;
const traps: string[] = [];

beforeAll(async () => {
  w = await seedWorld();
  const db = getDb();
  // Four payments from Acme without a reference, each of the exact amount of one of Acme's open invoices. What people
  // did: the first two actually paid another invoice (the amount was a coincidence); the last two paid that one.
  for (let k = 0; k < 4; k++) {
    const a = await makeInvoice(w, { amountMinor: 100_000n + BigInt(k) * 100n });
    const b = await makeInvoice(w, { amountMinor: 55_500n + BigInt(k) * 100n });
    await db.invoice.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { receivedAt: new Date(Date.now() - 40 * DAY) } });
    const arrived = new Date(Date.now() - (20 - k) * DAY);
    const { receipt } = await makeReceipt(w, { amountMinor: a.amountMinor, payerName: "ACME CORP", payerAccount: "111", customerId: w.acme.id, state: "APPLIED", code: null });
    await db.receipt.update({ where: { id: receipt.id }, data: { receivedAt: arrived } });
    const paid = k < 2 ? b : a;
    if (k < 2) traps.push(receipt.id);
    await db.application.create({ data: { receiptId: receipt.id, invoiceId: paid.id, customerId: w.acme.id, kind: "INVOICE", amountMinor: paid.amountMinor, currency: "USD", appliedByType: "user", appliedById: w.analyst.id, appliedAt: new Date(arrived.getTime() + 3_600_000) } });
  }
});

describe("governed matching rules: draft → backtest → second person → version → rollback", () => {
  it("a loosening draft shows, on history, exactly the wrong postings it would have made; the approval records the figures; rollback restores", async () => {
    const code = w.entity.code;
    // v1: no amount-only matching (itself a draft, backtested and approved by a second person).
    const tight = await updateMatchingPolicy(code, { override: { strategies: { amountOnly: false } }, reason: "amounts alone are no evidence" }, w.controller);
    await backtestPolicyChange(tight.change!.id, {}, w.controller);
    expect((await decidePolicyChange(tight.change!.id, "approve", { note: "ok" }, w.admin)).policy.version).toBe(1);

    const draft = await updateMatchingPolicy(code, { override: { strategies: { amountOnly: true } }, reason: "automate more" }, w.controller);
    expect(draft.policy.version).toBe(1); // a draft is never in force
    expect(await refusal(decidePolicyChange(draft.change!.id, "approve", {}, w.admin))).toMatchObject({ status: 409 }); // no backtest yet
    const bt = await backtestPolicyChange(draft.change!.id, {}, w.controller);
    expect(bt).toMatchObject({ status: "DONE", stale: false, liveVersion: 1 });
    expect(bt.summary).toMatchObject({ changed: 4, moreWrongThanLive: true, extraWrong: 2, live: { autoApplied: 0, wrong: 0 }, draft: { autoApplied: 4, wrong: 2, correct: 2, precision: 0.5 } });
    const wrong = await getPolicyBacktestRows(bt.id, { filter: "wrong", sort: "arrivedAt", dir: "asc", format: "json" });
    expect(wrong.items.map((r) => r.receiptId)).toEqual(traps);
    const csv = await exportPolicyBacktestCsv(bt.id, { filter: "changed", sort: "amount", dir: "desc", format: "csv" });
    expect(csv.trim().split("\r\n")).toHaveLength(5);
    expect(csv.split("\r\n")[0]).toMatch(/^receipt_id,entity,customer_id,/);

    expect(await refusal(decidePolicyChange(draft.change!.id, "approve", {}, w.controller))).toMatchObject({ status: 403 }); // its author
    const approved = await decidePolicyChange(draft.change!.id, "approve", { note: "accepted: two wrong of four" }, w.admin);
    expect(approved).toMatchObject({ outcome: "approved", policy: { version: 2, effective: { strategies: { amountOnly: true } } } });
    const recorded = await policyChangeOf(draft.change!.id);
    expect(recorded.approvedBacktest).toMatchObject({ draft: { wrong: 2 }, live: { wrong: 0 } });
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { action: "matching_policy.change_approved", targetId: draft.change!.id } });
    expect(audit.details).toMatchObject({ backtestId: bt.id, backtest: { extraWrong: 2 } });

    // A backtest against an older live version does not support an approval.
    const other = await updateMatchingPolicy(code, { override: { autoPostConfidence: 0.95 }, reason: "a bit stricter" }, w.controller);
    await backtestPolicyChange(other.change!.id, {}, w.controller);
    const rolled = await rollbackMatchingPolicy(code, { reason: "too many wrong postings" }, w.controller);
    expect(rolled.policy).toMatchObject({ version: 3, effective: { strategies: { amountOnly: false } } });
    expect(await refusal(decidePolicyChange(other.change!.id, "approve", {}, w.admin))).toMatchObject({ status: 409, detail: expect.stringMatching(/changed since this backtest/) });
    expect(await getDb().auditLog.count({ where: { action: "matching_policy.rolled_back", targetId: code } })).toBe(1);
  });

  it("decides as of arrival: an invoice that arrived after the receipt is no candidate for it (one known before is)", async () => {
    const db = getDb();
    const mk = async (amountMinor: bigint, invoiceDaysAgo: number) => {
      const inv = await makeInvoice(w, { amountMinor, customerId: w.globex.id, number: `INV-2026-${String(amountMinor).padStart(6, "0")}` });
      const { receipt } = await makeReceipt(w, { amountMinor, payerName: "GLOBEX LTD", payerAccount: "222", code: null, state: "APPLIED", remittance: `INV ${inv.number}` });
      await db.receipt.update({ where: { id: receipt.id }, data: { receivedAt: new Date(Date.now() - 5 * DAY) } });
      await db.invoice.update({ where: { id: inv.id }, data: { receivedAt: new Date(Date.now() - invoiceDaysAgo * DAY) } });
      return receipt.id;
    };
    const late = await mk(31_400n, 2);
    const known = await mk(31_500n, 9);
    // The draft matches by nothing: every receipt the live policy can apply then changes.
    const off = { reference: false, partialReference: false, typoCorrection: false, poNumber: false, ranges: false, amountOnly: false, subsetSum: false };
    const d = await updateMatchingPolicy(w.entity.code, { override: { strategies: off }, reason: "compare with nothing" }, w.controller);
    const bt = await backtestPolicyChange(d.change!.id, {}, w.controller);
    const rows = await getPolicyBacktestRows(bt.id, { filter: "changed", sort: "arrivedAt", dir: "asc", format: "json" });
    const changed = rows.items.map((r) => r.receiptId);
    expect(changed).toContain(known); // the live policy applied it by its reference
    expect(changed).not.toContain(late); // its invoice did not exist yet: an exception both ways
  });

  it("learned payers: a manual application only proposes; a batch draft, its backtest and a second person make it count", async () => {
    const inv = await makeInvoice(w, { amountMinor: 12_300n, customerId: w.globex.id });
    const { receipt } = await makeReceipt(w, { amountMinor: 12_300n, payerName: "GLBX TRADING CO", payerAccount: "777-9" });
    await applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "123.00" }] });
    const proposal = await getDb().learnedPayer.findFirstOrThrow({ where: { learnedFromReceiptId: receipt.id } });
    expect(proposal.activatedAt).toBeNull();
    const draft = await draftLearnedPayers({ entity: w.entity.code, reason: "this week's proposals", revoke: [] }, w.controller);
    expect(draft.change).toMatchObject({ kind: "LEARNED_PAYERS", learnedPayers: { add: [{ id: proposal.id, payerName: "GLBX TRADING CO", customerName: "Globex Ltd" }], revoke: [] } });
    expect(await refusal(draftLearnedPayers({ entity: w.entity.code, reason: "nothing new", revoke: [] }, w.controller))).toMatchObject({ status: 409 });
    await backtestPolicyChange(draft.change!.id, {}, w.controller);
    const approved = await decidePolicyChange(draft.change!.id, "approve", { note: "fine" }, w.admin);
    expect(approved.outcome).toBe("approved");
    expect((await getDb().learnedPayer.findUniqueOrThrow({ where: { id: proposal.id } })).activatedAt).not.toBeNull();
  });
});
