// The batch form of transitionReceipt, for the pipeline's hot paths (a statement's receipts applied together, a
// batch of ERP acknowledgements): the same rules (every step checked against receipt-states.ts, optimistic
// concurrency on the state the caller saw, one WorkflowEvent per step with the correlation id), in three
// statements whatever the batch size (the events in one unnest INSERT) instead of three per step per receipt.
import type { Prisma } from "../db/generated/client.ts";
import { column, utcFromEpochMs } from "../db/pg-array.ts";
import { problem } from "../http/problem.ts";
import { canTransition, type ReceiptState } from "./receipt-states.ts";
import { IllegalTransitionError, type TransitionInput } from "./transition-receipt.ts";
import { insertWorkflowEvents } from "./insert-workflow-events.ts";

export type BatchStep = Pick<TransitionInput, "eventType" | "payload" | "exceptionCode" | "postingStatus" | "occurredAt"> & { to: ReceiptState };

/** Columns a move may set besides the state; an absent field keeps the receipt's value. */
export type BatchColumns = { customerId?: string | null; unappliedMinor?: bigint; matchDecision?: unknown; ruleVersion?: string; postedAt?: Date; postingLatencyMs?: number };

export type BatchMove = Pick<TransitionInput, "receiptId" | "from" | "correlationId" | "actor"> & { steps: BatchStep[]; set?: BatchColumns };

type Tx = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

const ms = (d: Date | undefined) => (d ? d.getTime() : null);
const ts = utcFromEpochMs;

/** Returns, per receipt, the ids of the WorkflowEvents written for its steps, in step order. */
export async function transitionReceipts(tx: Tx, moves: BatchMove[]): Promise<Map<string, bigint[]>> {
  const out = new Map<string, bigint[]>();
  if (moves.length === 0) return out;
  for (const m of moves) {
    if (m.steps.length === 0) throw new Error(`receipt ${m.receiptId}: a move needs at least one step`);
    let from = m.from;
    for (const s of m.steps) {
      if (!canTransition(from, s.to)) throw new IllegalTransitionError(from, s.to);
      from = s.to;
    }
  }
  const now = Date.now();
  const updated = await tx.$queryRawUnsafe<{ id: string; version: number; entityId: string }[]>(`
    update "Receipt" r set state = v.to_state::"ReceiptState", "stateChangedAt" = ${ts("$9")}, "updatedAt" = ${ts("$9")},
      version = r.version + v.steps::int,
      "customerId" = case when v.set_customer then v.customer else r."customerId" end,
      "unappliedMinor" = coalesce(v.unapplied::bigint, r."unappliedMinor"),
      "matchDecision" = coalesce(v.decision::jsonb, r."matchDecision"),
      "ruleVersion" = coalesce(v.rule, r."ruleVersion"),
      "postedAt" = coalesce(${ts("v.posted_at")}, r."postedAt"),
      "postingLatencyMs" = coalesce(v.latency::int, r."postingLatencyMs")
    from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::text[], $7::text[], $8::text[], $10::text[], $11::text[], $12::text[])
      as v(id, from_state, to_state, steps, set_customer, customer, unapplied, decision, rule, posted_at, latency)
    where r.id = v.id and r.state::text = v.from_state
    returning r.id, r.version, r."entityId"`,
    column(moves, (m) => m.receiptId), column(moves, (m) => m.from), column(moves, (m) => m.steps.at(-1)!.to), column(moves, (m) => m.steps.length),
    `{${moves.map((m) => (m.set && "customerId" in m.set ? "t" : "f")).join(",")}}`, column(moves, (m) => m.set?.customerId),
    column(moves, (m) => m.set?.unappliedMinor), column(moves, (m) => (m.set?.matchDecision === undefined ? null : JSON.stringify(m.set.matchDecision))),
    String(now), column(moves, (m) => m.set?.ruleVersion), column(moves, (m) => ms(m.set?.postedAt)), column(moves, (m) => m.set?.postingLatencyMs));
  if (updated.length !== moves.length) {
    const done = new Set(updated.map((u) => u.id));
    const lost = moves.find((m) => !done.has(m.receiptId))!;
    throw problem(409, `receipt ${lost.receiptId} is no longer ${lost.from}: someone else acted on it first; reload and try again`);
  }
  const byId = new Map(updated.map((u) => [u.id, u]));
  const at = new Date(now);
  const events = moves.flatMap((m) => {
    const row = byId.get(m.receiptId)!;
    let from = m.from;
    return m.steps.map((s, k) => {
      const e = {
        type: s.eventType, receiptId: m.receiptId, entityId: row.entityId, sourceSystem: "cashline",
        sourceId: `${m.receiptId}:v${row.version - m.steps.length + k + 1}`, correlationId: m.correlationId ?? null,
        actorType: m.actor?.type ?? "system", actorId: m.actor?.id ?? null, fromState: from, toState: s.to,
        exceptionCode: s.exceptionCode ?? null, postingStatus: s.postingStatus ?? null,
        payload: s.payload ?? {}, occurredAt: s.occurredAt ?? at, recordedAt: at,
      };
      from = s.to;
      return e;
    });
  });
  const written = await insertWorkflowEvents(tx, events);
  // An INSERT … RETURNING promises no order: sort each receipt's events by the version in their source id.
  const version = (sourceId: string) => Number(sourceId.slice(sourceId.lastIndexOf(":v") + 2));
  for (const e of [...written].sort((a, b) => version(a.sourceId) - version(b.sourceId))) {
    const list = out.get(e.receiptId!) ?? [];
    list.push(e.id);
    out.set(e.receiptId!, list);
  }
  return out;
}
