import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client.ts";
import { ProblemError } from "../http/problem.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { at, bankLine, exceptionCase, journal, NOW, receipt, seedBase, statement } from "../dashboards/test-fixtures.ts";
import { getCloseChecklist } from "./get-close-checklist.ts";
import { MIN_JUSTIFICATION, signOffPeriod } from "./sign-off-period.ts";
import { approveSignOff } from "./approve-sign-off.ts";

useFreshDatabase();

const casey = { id: "u_c", name: "Casey", email: "casey@x.dev", ip: "10.0.0.9", requestId: "req-1" };
const dana = { id: "u_d", name: "Dana", email: "dana@x.dev", ip: "10.0.0.8", requestId: "req-2" };

beforeAll(async () => {
  await seedBase();
  await getDb().user.create({ data: { id: "u_d", email: "dana@x.dev", name: "Dana", role: "CONTROLLER", passwordHash: "x" } });
  // November 2026 items of US01, each next to one that falls outside the period or the check.
  await bankLine({ bankAccountId: "b_us", amountMinor: 1_200n, valueDate: "2026-11-05" });
  await bankLine({ bankAccountId: "b_us", amountMinor: 9_900n, valueDate: "2026-10-31" });
  await bankLine({ bankAccountId: "b_us", amountMinor: 9_900n, valueDate: "2026-11-06", reconciled: true });
  await receipt({ amountMinor: 4_000n, valueDate: at("2026-11-10"), state: "UNIDENTIFIED" }); // unapplied and unposted
  await receipt({ amountMinor: 4_000n, valueDate: at("2026-10-31"), state: "UNIDENTIFIED" }); // October
  await receipt({ amountMinor: 4_000n, valueDate: at("2026-11-10"), state: "RETURNED" });
  const failed = await receipt({ amountMinor: 6_000n, unappliedMinor: 0n, valueDate: at("2026-11-11"), state: "POSTING_FAILED" }); // unposted
  await receipt({ amountMinor: 6_000n, unappliedMinor: 0n, valueDate: at("2026-11-11"), state: "POSTED", postedAt: at("2026-11-11T10:00:00Z") });
  await exceptionCase({ code: "SHORT_PAY", createdAt: at("2026-11-12T10:00:00Z"), amountMinor: 500n });
  await exceptionCase({ code: "CHARGEBACK", createdAt: at("2026-11-13T10:00:00Z"), amountMinor: 2_500n });
  await exceptionCase({ code: "POSTING_FAILED", createdAt: at("2026-11-14T10:00:00Z"), amountMinor: 6_000n }); // counted as a failed posting
  await exceptionCase({ code: "SHORT_PAY", status: "RESOLVED", createdAt: at("2026-11-12T10:00:00Z"), resolvedAt: at("2026-11-13T10:00:00Z") });
  await exceptionCase({ code: "SHORT_PAY", createdAt: at("2026-10-12T10:00:00Z") });
  await journal({ status: "FAILED", receiptId: failed.id, createdAt: at("2026-11-14T10:00:00Z"), lines: [{ account: "1010", debit: 6_000n }, { account: "1200", credit: 6_000n }] });
  const retried = await receipt({ amountMinor: 7_000n, unappliedMinor: 0n, valueDate: at("2026-11-15"), state: "POSTED", postedAt: at("2026-11-16T10:00:00Z") });
  await journal({ status: "FAILED", receiptId: retried.id, createdAt: at("2026-11-15T10:00:00Z"), lines: [{ account: "1010", debit: 7_000n }, { account: "1200", credit: 7_000n }] });
  await journal({ status: "POSTED", receiptId: retried.id, postedAt: at("2026-11-16T10:00:00Z"), createdAt: at("2026-11-16T09:00:00Z"), lines: [{ account: "1010", debit: 7_000n }, { account: "1200", credit: 7_000n }] });
  // Statement chain: 3 Nov opens 0.50 above 1 Nov's close (a gap), 4 Nov fails its balance check by 0.07.
  await statement({ bankAccountId: "b_us", day: "2026-10-31", opening: 90_000n, closing: 100_000n });
  await statement({ bankAccountId: "b_us", day: "2026-11-01", opening: 100_000n, closing: 110_000n });
  await statement({ bankAccountId: "b_us", day: "2026-11-03", opening: 110_050n, closing: 120_000n });
  await statement({ bankAccountId: "b_us", day: "2026-11-04", opening: 120_000n, closing: 130_000n, balanceCheck: "mismatch", difference: 7n });
  // UK01: a statement that never arrived, reported as a case by statement ingestion.
  await exceptionCase({ code: "STATEMENT_GAP", entityId: "e_uk", createdAt: at("2026-11-20T06:00:00Z") });
});

describe("getCloseChecklist", () => {
  it("computes every check for the period from live state, with counts, amounts and links", async () => {
    const r = await getCloseChecklist({ period: "2026-11" }, NOW);
    expect([r.period, r.from, r.to]).toEqual(["2026-11", "2026-11-01", "2026-11-30"]);
    const us = r.entities.find((e) => e.entity === "US01")!;
    const byKey = Object.fromEntries(us.items.map((i) => [i.key, [i.count, i.amounts.map((a) => `${a.currency} ${a.amount}`).join(", ")]]));
    expect(byKey).toEqual({
      unreconciled: [1, "USD 12.00"],
      unapplied: [1, "USD 40.00"],
      unposted: [2, "USD 100.00"],
      open_exceptions: [1, "USD 5.00"],
      chargebacks: [1, "USD 25.00"],
      failed_postings: [1, "USD 60.00"],
      statement_gaps: [2, "USD 0.57"],
      erp_drift: [0, ""],
      fx_revaluation: [0, ""],
    });
    expect(us.blocking).toBe(7);
    expect(us.items.find((i) => i.key === "unapplied")!.href).toBe("/payments?entity=US01&unapplied=1&valueFrom=2026-11-01&valueTo=2026-11-30");
    const uk = r.entities.find((e) => e.entity === "UK01")!;
    expect(uk.items.filter((i) => i.blocking).map((i) => [i.key, i.count])).toEqual([["statement_gaps", 1]]);
    const de = r.entities.find((e) => e.entity === "DE01")!;
    expect(de.blocking).toBe(0);
    expect(de.signOff).toBeNull();
  });

  it("scopes to the month: October has its own items", async () => {
    const r = await getCloseChecklist({ period: "2026-10", entity: "US01" }, NOW);
    expect(r.entities).toHaveLength(1);
    const counts = Object.fromEntries(r.entities[0]!.items.map((i) => [i.key, i.count]));
    expect(counts).toMatchObject({ unreconciled: 1, unapplied: 1, unposted: 1, open_exceptions: 1, chargebacks: 0, failed_postings: 0, statement_gaps: 0 });
  });
});

describe("signOffPeriod", () => {
  const refused = async (p: Promise<unknown>, status: number) => {
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect((err as ProblemError).problem.status).toBe(status);
    return (err as ProblemError).problem;
  };

  it("refuses while items block and no written justification is given", async () => {
    const p = await refused(signOffPeriod({ entity: "US01", period: "2026-11" }, casey, NOW), 422);
    expect(p.detail).toMatch(/7 check\(s\) still block US01 2026-11: Bank lines not reconciled \(1\)/);
    expect(p.errors).toEqual([{ path: "body.justification", message: expect.stringContaining(`at least ${MIN_JUSTIFICATION} characters`) }]);
    await refused(signOffPeriod({ entity: "US01", period: "2026-11", justification: "x".repeat(MIN_JUSTIFICATION - 1) }, casey, NOW), 422);
    await refused(signOffPeriod({ entity: "US01", period: "2026-11", justification: `   ${"y".repeat(MIN_JUSTIFICATION - 1)}   ` }, casey, NOW), 422);
    expect(await getDb().closeSignOff.count()).toBe(0);
    expect(await getDb().auditLog.count({ where: { action: "close.signed_off" } })).toBe(0);
  });

  it("a justified sign-off over blockers is only PREPARED: one person never closes a month over its blockers (finding 12)", async () => {
    const justification = "Open items are November card disputes; accrued and reviewed with the CFO.";
    const s = await signOffPeriod({ entity: "US01", period: "2026-11", justification }, casey, NOW);
    expect(s).toMatchObject({ entity: "US01", period: "2026-11", signedById: "u_c", signedBy: "Casey", signedAt: NOW.toISOString(), justification, status: "PREPARED" });
    expect(s.blockersSnapshot.map((b) => [b.key, b.count])).toEqual([
      ["unreconciled", 1], ["unapplied", 1], ["unposted", 2], ["open_exceptions", 1], ["chargebacks", 1], ["failed_postings", 1], ["statement_gaps", 2],
    ]);
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { action: "close.prepared" } });
    expect(audit).toMatchObject({ actorType: "user", actorId: "u_c", actorLabel: "casey@x.dev", targetType: "CloseSignOff", targetId: s.id, ip: "10.0.0.9", requestId: "req-1" });
    expect(audit.details).toMatchObject({ entity: "US01", period: "2026-11", justification });
    const shown = (await getCloseChecklist({ period: "2026-11", entity: "US01" }, NOW)).entities[0]!.signOff;
    expect(shown).toMatchObject({ signedBy: "Casey", justification, blockersSnapshot: s.blockersSnapshot, status: "PREPARED" });

    // The preparer cannot approve; a second controller must, and must give a reason of their own to override.
    expect((await refused(approveSignOff(s.id, { note: "z".repeat(40) }, casey, NOW), 403)).detail).toMatch(/second person/);
    expect((await refused(approveSignOff(s.id, {}, dana, NOW), 422)).detail).toMatch(/7 check\(s\) still block US01 2026-11.*your own reason/);
    const reason = "Reviewed the disputes with Casey; the accruals cover them in full.";
    const locked = await approveSignOff(s.id, { note: reason }, dana, NOW);
    expect(locked).toMatchObject({ status: "LOCKED", approvedById: "u_d", approvedBy: "Dana", signedBy: "Casey" });
    const approval = await getDb().auditLog.findFirstOrThrow({ where: { action: "close.signed_off", targetId: s.id } });
    expect(approval).toMatchObject({ actorId: "u_d", details: expect.objectContaining({ overrideReason: reason, preparedById: "u_c" }) });
    expect((await getCloseChecklist({ period: "2026-11", entity: "US01" }, NOW)).entities[0]!.signOff).toMatchObject({ status: "LOCKED", approvedBy: "Dana" });
  });

  it("signs a period off once per entity", async () => {
    const p = await refused(signOffPeriod({ entity: "US01", period: "2026-11", justification: "z".repeat(40) }, casey, NOW), 409);
    expect(p.detail).toMatch(/already signed off by Casey/);
  });

  it("needs no justification when nothing blocks, and locks at once unless the entity wants two signatures", async () => {
    const s = await signOffPeriod({ entity: "DE01", period: "2026-11" }, casey, NOW);
    expect(s).toMatchObject({ justification: null, blockersSnapshot: [], status: "LOCKED" });
    await getDb().legalEntity.update({ where: { code: "DE01" }, data: { closeTwoLevelSignOff: true } });
    const two = await signOffPeriod({ entity: "DE01", period: "2026-10" }, casey, NOW);
    expect(two).toMatchObject({ status: "PREPARED" });
    expect(await approveSignOff(two.id, {}, dana, NOW)).toMatchObject({ status: "LOCKED", approvedBy: "Dana" });
  });

  it("refuses a period that has not started and an unknown entity", async () => {
    await refused(signOffPeriod({ entity: "DE01", period: "2026-12" }, casey, NOW), 422);
    await refused(signOffPeriod({ entity: "XX01", period: "2026-11" }, casey, NOW), 404);
  });
});
