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
}).strict();
export type PolicyOverride = z.infer<typeof policyOverrideSchema>;

export async function loadPolicies(entityIds: string[]): Promise<{ set: PolicySet; codeOf: Map<string, string> }> {
  const [entities, rows] = await Promise.all([
    db.legalEntity.findMany({ where: { id: { in: entityIds } }, select: { id: true, code: true } }),
    db.matchingPolicy.findMany({ where: { entityId: { in: entityIds }, active: true }, orderBy: { version: "desc" } }),
  ]);
  const codeOf = new Map(entities.map((e) => [e.id, e.code]));
  const byEntity: NonNullable<PolicySet["byEntity"]> = {};
  for (const e of entities) {
    const row = rows.find((r) => r.entityId === e.id);
    const parsed = policyOverrideSchema.safeParse(row?.policy ?? {});
    const override = parsed.success ? parsed.data : {};
    byEntity[e.code] = { ...override, ruleVersion: `${e.code}-v${row?.version ?? 0}/${DEFAULT_POLICY.ruleVersion}` } as NonNullable<PolicySet["byEntity"]>[string];
  }
  return { set: { default: DEFAULT_POLICY, byEntity }, codeOf };
}
