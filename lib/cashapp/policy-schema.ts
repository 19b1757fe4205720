// zod schema for policy configuration (CLI --policy file, or settings stored by the product).
import { z } from "zod";
import { DEFAULT_POLICY, mergePolicy, type DeepPartial, type MatchPolicy, type PolicySet } from "./policy.ts";

const Overrides = z.strictObject({
  ruleVersion: z.string().min(1).optional(),
  tolerance: z.strictObject({
    maxAbsolute: z.string().regex(/^\d+(\.\d+)?$/, "a decimal amount like \"25.00\"").optional(),
    maxBasisPoints: z.number().int().min(0).max(10_000).optional(),
    writeOffShortfall: z.boolean().optional(),
    writeOffExcess: z.boolean().optional(),
  }).optional(),
  strategies: z.strictObject({
    reference: z.boolean().optional(),
    partialReference: z.boolean().optional(),
    typoCorrection: z.boolean().optional(),
    poNumber: z.boolean().optional(),
    ranges: z.boolean().optional(),
    amountOnly: z.boolean().optional(),
    subsetSum: z.boolean().optional(),
    thirdPartyPayer: z.boolean().optional(),
    learnedIdentities: z.boolean().optional(),
    namePrefix: z.boolean().optional(),
    duplicateDetection: z.boolean().optional(),
  }).optional(),
  autoPostConfidence: z.number().min(0).max(1).optional(),
  subsetSum: z.strictObject({
    maxInvoices: z.number().int().min(1).max(10_000).optional(),
    maxSetSize: z.number().int().min(1).max(12).optional(),
    maxNodes: z.number().int().min(1).optional(),
    exactOnly: z.boolean().optional(),
  }).optional(),
  discount: z.strictObject({
    maxBasisPoints: z.number().int().min(0).max(10_000).optional(),
    days: z.number().int().min(0).max(3650).nullable().optional(),
    graceDays: z.number().int().min(0).max(365).optional(),
  }).optional(),
});

export const PolicySetSchema = z.strictObject({
  default: Overrides.optional(),
  byEntity: z.record(z.string(), Overrides).optional(),
});

/** Validate a policy configuration; `default` overrides are merged over the contract's default policy. */
export function parsePolicySet(raw: unknown): { ok: true; policies: PolicySet } | { ok: false; problem: string } {
  const r = PolicySetSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return { ok: false, problem: `${issue.path.join(".") || "policy"}: ${issue.message}` };
  }
  const def: MatchPolicy = mergePolicy(DEFAULT_POLICY, (r.data.default ?? {}) as DeepPartial<MatchPolicy>);
  return { ok: true, policies: { default: def, byEntity: r.data.byEntity as PolicySet["byEntity"] } };
}
