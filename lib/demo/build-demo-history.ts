// History the dashboards read, added to the demo company (pure, deterministic; no random draws, so the rest of
// the demo stays exactly as it was):
// - every fifth posted receipt went through an exception an analyst resolved before it was posted, so its
//   applications were made by that person (resolution time, per-analyst throughput, auto-match rate < 100 %);
// - yesterday's and today's card payments are on their way from the processor as payouts (cash position).
import { DEMO_ANALYST_IDS } from "./build-demo-receipts.ts";

type Row = Record<string, unknown>;
type DemoFlow = { receipts: Row[]; applications: Row[]; events: Row[]; bankAccounts: { id: string; entityId: string; currency: string }[] };

const DAY = 86_400_000;
const CODES = ["SHORT_PAY", "AMBIGUOUS", "UNIDENTIFIED", "OVERPAYMENT", "CUSTOMER_MAPPING"] as const;
const REASON: Record<(typeof CODES)[number], string> = {
  SHORT_PAY: "paid less than the invoice beyond tolerance",
  AMBIGUOUS: "two or more open invoice sets fit the amount",
  UNIDENTIFIED: "no invoice reference and payer name matches no customer",
  OVERPAYMENT: "receipt exceeds the referenced invoice beyond tolerance",
  CUSTOMER_MAPPING: "payer account not mapped to a customer",
};

export function buildDemoHistory(data: DemoFlow, today: Date, now = new Date(today.getTime() + DAY - 1)) {
  const cases: Row[] = [];
  const events: Row[] = [];
  let k = 0;
  let n = 0;
  for (const r of data.receipts) {
    if (r.state !== "POSTED" && r.state !== "PUBLISHED") continue;
    if (k++ % 5 !== 2) continue;
    n++;
    const id = r.id as string;
    const receivedAt = r.receivedAt as Date;
    const postedAt = r.postedAt as Date;
    const createdAt = new Date(receivedAt.getTime() + 10_000);
    const resolvedAt = new Date(receivedAt.getTime() + Math.max(15_000, Math.round((postedAt.getTime() - receivedAt.getTime()) * 0.7)));
    const analyst = DEMO_ANALYST_IDS[n % DEMO_ANALYST_IDS.length]!;
    const code = CODES[n % CODES.length]!;
    cases.push({
      id: `case_${id}_h`, code, status: "RESOLVED", priority: "NORMAL", entityId: r.entityId, receiptId: id, amountMinor: r.amountMinor, currency: r.currency,
      assigneeId: analyst, slaDueAt: new Date(createdAt.getTime() + 2 * DAY), createdAt, resolvedAt, resolvedById: analyst,
      resolution: "applied manually after review", reasons: [REASON[code]], suggestion: {},
    });
    for (const a of data.applications) {
      if (a.receiptId !== id) continue;
      Object.assign(a, { appliedByType: "user", appliedById: analyst, appliedAt: resolvedAt, ruleVersion: null });
    }
    for (const e of data.events) {
      if (e.receiptId !== id || e.type !== "cash.applied") continue;
      Object.assign(e, { actorType: "user", actorId: analyst, occurredAt: resolvedAt, recordedAt: resolvedAt });
    }
    const base = { schemaVersion: 1, receiptId: id, entityId: r.entityId, sourceSystem: "cashline", sourceId: `case_${id}_h`, correlationId: `demo-${id}`, businessKeys: {}, payload: {} };
    events.push({ ...base, type: "reconciliation_exception.created", actorType: "system", exceptionCode: code, occurredAt: createdAt, recordedAt: createdAt });
    events.push({ ...base, type: "reconciliation_exception.resolved", actorType: "user", actorId: analyst, exceptionCode: code, occurredAt: resolvedAt, recordedAt: resolvedAt });
  }

  // Card payments of yesterday arrive today (in transit); today's are pending, arriving tomorrow.
  const payouts: Row[] = [];
  const payoutItems: Row[] = [];
  for (const [offset, status] of [[1, "in_transit"], [0, "pending"]] as const) {
    const day = new Date(today.getTime() - offset * DAY);
    const groups = new Map<string, Row[]>();
    for (const r of data.receipts) {
      const at = r.receivedAt as Date;
      if (r.channel !== "CARD" || at < day || at >= new Date(day.getTime() + DAY)) continue;
      const key = `${r.entityId}|${r.currency}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(r);
    }
    for (const [key, charges] of groups) {
      const [entityId, currency] = key.split("|") as [string, string];
      const id = `po_demo_${entityId.slice(4)}_${currency}_${day.toISOString().slice(0, 10)}`;
      const items = charges.map((c) => {
        const gross = c.amountMinor as bigint;
        const fee = (gross * 29n) / 1000n + 30n;
        return { id: `${id}_${c.id}`, payoutId: id, balanceTransactionId: `txn_${c.id}`, type: "charge", sourceId: c.bankReference, receiptId: c.id, amountMinor: gross, feeMinor: fee, netMinor: gross - fee };
      });
      payoutItems.push(...items);
      payouts.push({
        id, processor: "stripe", payoutId: id.replace("po_demo", "po"), entityId, currency,
        bankAccountId: data.bankAccounts.find((b) => b.entityId === entityId && b.currency === currency)?.id ?? null,
        amountMinor: items.reduce((s, i) => s + i.netMinor, 0n), grossMinor: items.reduce((s, i) => s + i.amountMinor, 0n), feeMinor: items.reduce((s, i) => s + i.feeMinor, 0n),
        arrivalDate: new Date(day.getTime() + DAY), status, statusEventAt: new Date(Math.min(day.getTime() + 20 * 3_600_000, now.getTime() - 60_000)),
      });
    }
  }
  return { cases, events, payouts, payoutItems };
}
