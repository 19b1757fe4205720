// The matching policy of each legal entity as people see it: what was overridden, what is in force, its version.
import { db } from "../db/client.ts";
import { DEFAULT_POLICY, mergePolicy } from "../cashapp/engine.ts";
import { readPolicyRow } from "./load-policies.ts";

export async function getMatchingPolicies() {
  const [entities, rows] = await Promise.all([
    db.legalEntity.findMany({ orderBy: { code: "asc" } }),
    db.matchingPolicy.findMany({ where: { active: true }, orderBy: { version: "desc" } }),
  ]);
  return {
    items: entities.map((e) => {
      const row = rows.find((r) => r.entityId === e.id);
      const { version, override, ruleVersion } = readPolicyRow(e.code, row);
      const effective = mergePolicy(DEFAULT_POLICY, override as Parameters<typeof mergePolicy>[1]);
      return {
        entity: e.code, version, ruleVersion, override,
        effective: { tolerance: effective.tolerance, strategies: { ...effective.strategies }, autoPostConfidence: effective.autoPostConfidence },
        createdAt: row?.createdAt.toISOString() ?? null, createdBy: row?.createdBy ?? null,
      };
    }),
  };
}
