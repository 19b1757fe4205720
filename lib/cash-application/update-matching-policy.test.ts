import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { updateMatchingPolicy } from "./update-matching-policy.ts";
import { decidePolicyChange } from "./decide-policy-change.ts";
import { getMatchingPolicies } from "./get-matching-policies.ts";
import { listPolicyChanges } from "./list-policy-changes.ts";
import { loadPolicies } from "./load-policies.ts";
import { loosenings, effectiveOf } from "./policy-guardrails.ts";
import { backtestPolicyChange } from "./backtest-policy-change.ts";

useFreshDatabase();

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: { problem?: { status: number; detail: string; errors?: unknown } }) => e.problem ?? Promise.reject(e));

/** A draft goes live only after its backtest and a second person's approval. */
async function backtestAndApprove(changeId: string, runner: { id: string; email: string }, approver: { id: string; email: string }) {
  await backtestPolicyChange(changeId, {}, runner);
  return decidePolicyChange(changeId, "approve", { note: "backtest reviewed" }, approver);
}

describe("matching policy per entity", () => {
  it("starts at the default, takes new versions, keeps the old ones, audits each change", async () => {
    const world = await seedMiniWorld();
    const ctl = await getDb().user.create({ data: { email: "ctl@x.dev", name: "C", role: "CONTROLLER", passwordHash: "x" } });
    const ctl2 = await getDb().user.create({ data: { email: "ctl2@x.dev", name: "D", role: "CONTROLLER", passwordHash: "x" } });
    expect((await getMatchingPolicies()).items[0]).toMatchObject({ entity: "US01", version: 0 });
    const d1 = await updateMatchingPolicy("US01", { override: { tolerance: { maxAbsolute: "10.00" }, autoPostConfidence: 0.95 }, reason: "tighter after audit finding" }, ctl);
    expect(d1).toMatchObject({ outcome: "pending_approval", policy: { version: 0 } }); // even a tightening is a draft
    const v1 = await backtestAndApprove(d1.change!.id, ctl, ctl2);
    expect(v1).toMatchObject({ outcome: "approved", policy: { version: 1, effective: { tolerance: { maxAbsolute: "10.00", maxBasisPoints: 50 }, autoPostConfidence: 0.95 } } });
    // A version is a whole override, not a patch of the last: back to the default 25.00 and 0.9 loosens → a second person.
    const v2 = await updateMatchingPolicy("US01", { override: { strategies: { subsetSum: false } }, reason: "no subset-sum for now" }, ctl);
    expect(v2).toMatchObject({ outcome: "pending_approval", policy: { version: 1 } });
    expect(v2.change!.loosens).toEqual(["tolerance amount 10.00 → 25.00", "auto-post confidence 0.95 → 0.9"]);
    expect((await listPolicyChanges()).items.map((c) => c.id)).toEqual([v2.change!.id]);
    const approved = await backtestAndApprove(v2.change!.id, ctl, ctl2);
    expect(approved).toMatchObject({ outcome: "approved", policy: { version: 2 } });
    expect(approved.policy.effective.strategies.subsetSum).toBe(false);
    expect(approved.policy.effective.tolerance.maxAbsolute).toBe("25.00");
    const rows = await getDb().matchingPolicy.findMany({ where: { entityId: world.entity.id }, orderBy: { version: "asc" } });
    expect(rows.map((r) => [r.version, r.active])).toEqual([[1, false], [2, true]]);
    const { set } = await loadPolicies([world.entity.id]);
    expect(set.byEntity?.US01?.ruleVersion).toMatch(/^US01-v2\//);
    expect(await getDb().auditLog.count({ where: { action: { in: ["matching_policy.change_requested", "matching_policy.change_approved", "matching_policy.backtest_run"] } } })).toBe(6);
    await expect(updateMatchingPolicy("XX99", { override: {}, reason: "nope nope" }, ctl)).rejects.toThrow(/no legal entity XX99/);
  });

  it("a controller alone cannot loosen tolerances (finding 2): the change waits, the requester cannot approve it, and hard caps hold", async () => {
    await seedMiniWorld();
    const ctl = await getDb().user.upsert({ where: { email: "ctl@x.dev" }, update: {}, create: { email: "ctl@x.dev", name: "C", role: "CONTROLLER", passwordHash: "x" } });
    const adm = await getDb().user.create({ data: { email: "adm@x.dev", name: "A", role: "ADMIN", passwordHash: "x" } });
    const before = (await getMatchingPolicies()).items[0]!.version;
    const tenPercent = await refusal(updateMatchingPolicy("US01", { override: { tolerance: { maxBasisPoints: 1000, maxAbsolute: "100000.00" } }, reason: "let the engine write off more" }, ctl));
    expect(tenPercent).toMatchObject({ status: 422, errors: [{ path: "body.override.tolerance.maxBasisPoints" }, { path: "body.override.tolerance.maxAbsolute" }] });
    const loosen = await updateMatchingPolicy("US01", { override: { tolerance: { maxBasisPoints: 100, maxAbsolute: "50.00" } }, reason: "more tolerance for bank charges" }, ctl);
    expect(loosen.outcome).toBe("pending_approval");
    expect((await getMatchingPolicies()).items[0]!.version).toBe(before);
    expect(await refusal(decidePolicyChange(loosen.change!.id, "approve", {}, ctl))).toMatchObject({ status: 403 });
    expect((await decidePolicyChange(loosen.change!.id, "reject", { note: "no" }, adm)).outcome).toBe("rejected");
    expect((await getMatchingPolicies()).items[0]!.version).toBe(before);
    // Tightening is a draft too, and an approval needs the draft's backtest.
    const tight = await updateMatchingPolicy("US01", { override: { tolerance: { maxBasisPoints: 10, maxAbsolute: "5.00" }, strategies: { subsetSum: false } }, reason: "tighter still" }, ctl);
    expect(tight.outcome).toBe("pending_approval");
    expect(await refusal(decidePolicyChange(tight.change!.id, "approve", {}, adm))).toMatchObject({ status: 409 });
    expect((await backtestAndApprove(tight.change!.id, ctl, adm)).policy.version).toBe(before + 1);
  });

  it("loosenings: tolerances up, write-offs on, confidence down, strategies on (duplicate detection off)", () => {
    const base = effectiveOf({ tolerance: { writeOffExcess: false }, strategies: { thirdPartyPayer: false } });
    expect(loosenings(base, effectiveOf({ strategies: { duplicateDetection: false } }))).toEqual([
      "automatic overpayment write-offs turned on", "strategy thirdPartyPayer turned on", "strategy duplicateDetection turned off",
    ]);
    expect(loosenings(effectiveOf({}), effectiveOf({ tolerance: { maxAbsolute: "1.00", maxBasisPoints: 1 }, autoPostConfidence: 0.99 }))).toEqual([]);
  });
});
