// A backtest of a policy given as a file (the command line and the benchmark): the draft is either an entity override
// as the API takes it, applied to every chosen entity, or a whole policy set; the live side is what is in force.
import { db } from "../db/client.ts";
import { DEFAULT_POLICY, type PolicySet } from "../cashapp/policy.ts";
import { parsePolicySet } from "../cashapp/policy-schema.ts";
import { loadPolicies, policyOverrideSchema } from "../cash-application/load-policies.ts";
import { backtestSummary, runBacktest, type BacktestRun } from "./run-backtest.ts";

export async function backtestFromPolicyFile(policy: unknown, window: { from: Date; to: Date; entities: string[] }):
  Promise<{ ok: true; run: BacktestRun; summary: ReturnType<typeof backtestSummary> } | { ok: false; problem: string }> {
  const entities = await db.legalEntity.findMany({ where: window.entities.length ? { code: { in: window.entities } } : {}, select: { id: true, code: true } });
  const missing = window.entities.filter((c) => !entities.some((e) => e.code === c));
  if (missing.length) return { ok: false, problem: `no legal entity ${missing.join(", ")}` };
  const { set: live } = await loadPolicies(entities.map((e) => e.id));
  let draft: PolicySet;
  const isSet = typeof policy === "object" && policy !== null && ("default" in policy || "byEntity" in policy);
  if (isSet) {
    const parsed = parsePolicySet(policy);
    if (!parsed.ok) return { ok: false, problem: parsed.problem };
    draft = parsed.policies;
  } else {
    const parsed = policyOverrideSchema.safeParse(policy);
    if (!parsed.success) { const i = parsed.error.issues[0]!; return { ok: false, problem: `${i.path.join(".") || "policy"}: ${i.message}` }; }
    draft = { default: DEFAULT_POLICY, byEntity: Object.fromEntries(entities.map((e) => [e.code, { ...parsed.data, ruleVersion: `${e.code}-draft/${DEFAULT_POLICY.ruleVersion}` }])) as PolicySet["byEntity"] };
  }
  const run = await runBacktest({ window: { ...window, entities: entities.map((e) => e.code) }, live, draft });
  return { ok: true, run, summary: backtestSummary(run) };
}
