// Backtest a draft (policy change or learned-payers batch) against the live policy over a window of past receipts
// of its entity, and keep the figures and the per-receipt diff with the draft. Read-only on history; audited.
import { z } from "zod";
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import { DEFAULT_POLICY, type PolicySet } from "../cashapp/policy.ts";
import { runBacktest, backtestSummary } from "../backtest/run-backtest.ts";
import type { LearnedPayerDelta } from "../backtest/history.ts";
import type { runBacktestBody } from "../backtest/backtest-schemas.ts";
import { loadPolicies, readPolicyRow } from "./load-policies.ts";
import { getPolicyBacktest } from "./get-policy-backtest.ts";

/** Rows kept per backtest for the diff table and its CSV (changed receipts first, then the draft's other wrong postings). */
export const MAX_STORED_ROWS = 20_000;
const DAY = 86_400_000;

export const learnedPayersDraftSchema = z.object({ add: z.array(z.string()), revoke: z.array(z.string()) });

/** The draft as a policy set and learned-payer delta, next to the live set it is compared with. */
export async function draftPolicies(change: { entityId: string; kind: string; override: unknown; learnedPayers: unknown }) {
  const { set: live, codeOf } = await loadPolicies([change.entityId]);
  const code = codeOf.get(change.entityId)!;
  const active = await db.matchingPolicy.findFirst({ where: { entityId: change.entityId, active: true }, orderBy: { version: "desc" } });
  const liveVersion = active?.version ?? 0;
  let draft: PolicySet = live;
  let learnedPayers: LearnedPayerDelta | undefined;
  if (change.kind === "LEARNED_PAYERS") {
    const ids = learnedPayersDraftSchema.parse(change.learnedPayers ?? { add: [], revoke: [] });
    const added = await db.learnedPayer.findMany({ where: { id: { in: ids.add } }, select: { customerId: true, payerName: true, payerAccount: true } });
    learnedPayers = { add: added, revoke: ids.revoke };
  } else {
    const override = readPolicyRow(code, { version: 0, policy: change.override }).override;
    draft = { default: DEFAULT_POLICY, byEntity: { [code]: { ...override, ruleVersion: `${code}-draft/${DEFAULT_POLICY.ruleVersion}` } as NonNullable<PolicySet["byEntity"]>[string] } };
  }
  return { code, live, draft, learnedPayers, liveVersion };
}

export async function backtestPolicyChange(changeId: string, body: z.infer<typeof runBacktestBody>, actor: { id: string; email: string }) {
  const change = await db.matchingPolicyChange.findUnique({ where: { id: changeId } });
  if (!change) throw problem(404, `policy draft ${changeId} not found`);
  if (change.status !== "PENDING") throw problem(409, `this draft was already ${change.status.toLowerCase()}: nothing to backtest`);
  const { code, live, draft, learnedPayers, liveVersion } = await draftPolicies(change);
  const to = body.to ? new Date(Date.parse(body.to) + DAY) : new Date();
  const from = body.from ? new Date(body.from) : new Date(to.getTime() - 90 * DAY);
  const row = await db.policyBacktest.create({ data: { changeId, entityId: change.entityId, fromDate: from, toDate: to, liveVersion, startedById: actor.id } });
  try {
    const run = await runBacktest({ window: { from, to, entities: [code] }, live, draft, learnedPayers });
    const changedIds = new Set(run.rows.map((r) => r.receiptId));
    const rows = [...run.rows, ...run.draftWrongPostings.filter((r) => !changedIds.has(r.receiptId))].slice(0, MAX_STORED_ROWS);
    const summary = backtestSummary(run);
    await db.$transaction(async (tx) => {
      await tx.policyBacktest.update({ where: { id: row.id }, data: { status: "DONE", summary, rows, finishedAt: new Date() } });
      await writeAudit({
        actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "matching_policy.backtest_run", targetType: "MatchingPolicyChange", targetId: changeId,
        details: { backtestId: row.id, entity: code, from: from.toISOString(), to: to.toISOString(), liveVersion, changed: summary.changed, live: { autoApplied: summary.live.autoApplied, wrong: summary.live.wrong }, draft: { autoApplied: summary.draft.autoApplied, wrong: summary.draft.wrong } },
      }, tx);
    });
  } catch (e) {
    await db.policyBacktest.update({ where: { id: row.id }, data: { status: "FAILED", error: (e as Error).message.slice(0, 2000), finishedAt: new Date() } });
    throw e;
  }
  return getPolicyBacktest(row.id);
}
