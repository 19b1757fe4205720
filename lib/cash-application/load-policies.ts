// Matching policy per legal entity: the latest active MatchingPolicy row (a partial override, deep-merged over
// the contract's default). Every decision records "<entity>-v<version>/<engine rule version>".
import { z } from "zod";
import { db } from "../db/client.ts";
import { DEFAULT_POLICY, type PolicySet } from "../cashapp/engine.ts";

/** What an admin may override per entity (validated when saved and when read). */
export const policyOverrideSchema = z.object({
  tolerance: z.object({
    maxAbsolute: z.string().regex(/^\d+(\.\d+)?$/).optional(),
    maxBasisPoints: z.number().int().min(0).max(1000).optional(),
    writeOffShortfall: z.boolean().optional(),
    writeOffExcess: z.boolean().optional(),
  }).optional(),
  strategies: z.record(z.string(), z.boolean()).optional(),
  autoPostConfidence: z.number().min(0).max(1).optional(),
  /** Cross-currency application (lib/cashapp/cross-currency.ts): off unless enabled; tolerance in the functional currency. */
  crossCurrency: z.object({
    enabled: z.boolean().optional(),
    customers: z.array(z.string().min(1)).max(1000).optional(),
    maxAbsolute: z.string().regex(/^\d+(\.\d+)?$/).optional(),
    maxBasisPoints: z.number().int().min(0).max(1000).optional(),
  }).strict().optional(),
}).strict();
export type PolicyOverride = z.infer<typeof policyOverrideSchema>;

/** An entity's policy row read for use: its override (a row that no longer validates counts as none) and the
 *  rule version every decision under it records. Version 0 = no row: the built-in default. */
export function readPolicyRow(entityCode: string, row: { version: number; policy: unknown } | undefined) {
  const parsed = policyOverrideSchema.safeParse(row?.policy ?? {});
  const version = row?.version ?? 0;
  return { version, override: parsed.success ? parsed.data : {}, ruleVersion: `${entityCode}-v${version}/${DEFAULT_POLICY.ruleVersion}` };
}

export async function loadPolicies(entityIds: string[]): Promise<{ set: PolicySet; codeOf: Map<string, string> }> {
  const [entities, rows] = await Promise.all([
    db.legalEntity.findMany({ where: { id: { in: entityIds } }, select: { id: true, code: true } }),
    db.matchingPolicy.findMany({ where: { entityId: { in: entityIds }, active: true }, orderBy: { version: "desc" } }),
  ]);
  const codeOf = new Map(entities.map((e) => [e.id, e.code]));
  const byEntity: NonNullable<PolicySet["byEntity"]> = {};
  for (const e of entities) {
    const { override, ruleVersion } = readPolicyRow(e.code, rows.find((r) => r.entityId === e.id));
    byEntity[e.code] = { ...override, ruleVersion } as NonNullable<PolicySet["byEntity"]>[string];
  }
  return { set: { default: DEFAULT_POLICY, byEntity }, codeOf };
}
