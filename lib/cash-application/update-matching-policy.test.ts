import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { updateMatchingPolicy } from "./update-matching-policy.ts";
import { getMatchingPolicies } from "./get-matching-policies.ts";
import { loadPolicies } from "./load-policies.ts";

useFreshDatabase();

describe("matching policy per entity", () => {
  it("starts at the default, takes new versions, keeps the old ones, audits each change", async () => {
    const world = await seedMiniWorld();
    const admin = await getDb().user.create({ data: { email: "ctl@x.dev", name: "C", role: "CONTROLLER", passwordHash: "x" } });
    expect((await getMatchingPolicies()).items[0]).toMatchObject({ entity: "US01", version: 0 });
    const v1 = await updateMatchingPolicy("US01", { override: { tolerance: { maxAbsolute: "10.00" }, autoPostConfidence: 0.95 }, reason: "tighter after audit finding" }, admin);
    expect(v1).toMatchObject({ version: 1, effective: { tolerance: { maxAbsolute: "10.00", maxBasisPoints: 50 }, autoPostConfidence: 0.95 } });
    const v2 = await updateMatchingPolicy("US01", { override: { strategies: { subsetSum: false } }, reason: "no subset-sum for now" }, admin);
    expect(v2.version).toBe(2);
    expect(v2.effective.strategies.subsetSum).toBe(false);
    expect(v2.effective.tolerance.maxAbsolute).toBe("25.00"); // a version is a whole override, not a patch of the last
    const rows = await getDb().matchingPolicy.findMany({ where: { entityId: world.entity.id }, orderBy: { version: "asc" } });
    expect(rows.map((r) => [r.version, r.active])).toEqual([[1, false], [2, true]]);
    const { set } = await loadPolicies([world.entity.id]);
    expect(set.byEntity?.US01?.ruleVersion).toMatch(/^US01-v2\//);
    expect(await getDb().auditLog.count({ where: { action: "matching_policy.updated", targetId: "US01" } })).toBe(2);
    await expect(updateMatchingPolicy("XX99", { override: {}, reason: "nope nope" }, admin)).rejects.toThrow(/no legal entity XX99/);
  });
});
