// The backtest's core, pure: walk the past in time order and decide every receipt of the window twice — with the
// live policy and with the draft — each against the world as it was when the receipt arrived: customers and
// invoices Cashline knew by then, open amounts after the applications made (and not yet reversed) by then, learned
// payer identities active by then. The same engine code as production (CashApplicationEngine.decide); nothing is
// committed from a simulated decision: what happened next is what really happened (the applications in history).
import { MatchIndex } from "../cashapp/index.ts";
import { decide } from "../cashapp/decide.ts";
import { DuplicateLedger } from "../cashapp/duplicates.ts";
import { policyFor, type PolicySet } from "../cashapp/policy.ts";
import type { Decision } from "../cashapp/types.ts";
import { fromMinor } from "../money/money.ts";
import type { History, HistoryInvoice, HistoryLearnedPayer, HistoryReceipt, LearnedPayerDelta } from "./history.ts";

export type ReplayedReceipt = { receipt: HistoryReceipt; live: Decision; draft: Decision };

// Creations count from their own instant; applications, reversals and revocations only strictly before arrival
// (a receipt's own application is made after it arrived).
const CREATE_CUSTOMER = 0, CREATE_INVOICE = 1, LEARN = 2, APPLY = 3, REVERSE = 4, UNLEARN = 5;
type Ev = { t: number; kind: number; i: number };

/** One side of the comparison: its index (shared when the draft changes no learned payers), duplicate ledger, policy. */
type Side = { index: MatchIndex; ledger: DuplicateLedger; policies: PolicySet; learned: (l: HistoryLearnedPayer) => boolean; extra: LearnedPayerDelta["add"] };

export function replayBacktest(history: History, live: PolicySet, draft: PolicySet, delta: LearnedPayerDelta = { add: [], revoke: [] }): ReplayedReceipt[] {
  const events = timeline(history);
  const applied = new Map<string, bigint>(); // invoice id → cash applied to it and not reversed, so far
  const customersSoFar: History["customers"] = [];
  const invoicesSoFar: HistoryInvoice[] = [];
  const learnedSoFar = new Set<HistoryLearnedPayer>();
  const revoked = new Set(delta.revoke);
  const separate = delta.add.length > 0 || delta.revoke.length > 0;

  const newIndex = () => new MatchIndex(Math.max(1 << 10, history.invoices.length));
  const liveSide: Side = { index: newIndex(), ledger: new DuplicateLedger(history.priorReceipts), policies: live, learned: () => true, extra: [] };
  const draftSide: Side = separate
    ? { index: newIndex(), ledger: new DuplicateLedger(history.priorReceipts), policies: draft, learned: (l) => !revoked.has(l.id), extra: delta.add }
    : { ...liveSide, ledger: new DuplicateLedger(history.priorReceipts), policies: draft };
  const sides = separate ? [liveSide, draftSide] : [liveSide];

  const openOf = (inv: HistoryInvoice) => inv.amountMinor - (applied.get(inv.id) ?? 0n);
  const moveOpen = (invoiceId: string | null, by: bigint) => {
    if (!invoiceId) return;
    applied.set(invoiceId, (applied.get(invoiceId) ?? 0n) - by);
    for (const s of sides) {
      const idx = s.index.invoiceIndex(invoiceId);
      if (idx !== undefined) s.index.invoices[idx]!.open += by;
    }
  };
  const addLearned = (s: Side, l: { customerId: string; payerName: string | null; payerAccount: string | null }) =>
    s.index.addLearnedIdentity({ customerId: l.customerId, payerName: l.payerName, payerAccount: l.payerAccount });
  const rebuild = (s: Side) => {
    // An index cannot forget an identity: a revocation rebuilds it from the state so far (revocations are rare).
    const fresh = newIndex();
    for (const c of customersSoFar) fresh.addCustomer(toCustomerInput(c));
    fresh.addInvoices(invoicesSoFar.map((inv) => toInvoiceInput(inv, openOf(inv))));
    s.index = fresh;
    for (const l of learnedSoFar) if (s.learned(l)) addLearned(s, l);
    for (const e of s.extra) addLearned(s, e);
  };

  const run = (ev: Ev) => {
    switch (ev.kind) {
      case CREATE_CUSTOMER: {
        const c = history.customers[ev.i]!;
        customersSoFar.push(c);
        for (const s of sides) {
          s.index.addCustomer(toCustomerInput(c));
          for (const e of s.extra) if (e.customerId === c.id) addLearned(s, e);
        }
        return;
      }
      case CREATE_INVOICE: {
        const inv = history.invoices[ev.i]!;
        invoicesSoFar.push(inv);
        for (const s of sides) s.index.addInvoice(toInvoiceInput(inv, openOf(inv)));
        return;
      }
      case LEARN: {
        const l = history.learnedPayers[ev.i]!;
        learnedSoFar.add(l);
        for (const s of sides) if (s.learned(l)) addLearned(s, l);
        return;
      }
      case APPLY: { const a = history.applications[ev.i]!; return moveOpen(a.invoiceId, -a.amountMinor); }
      case REVERSE: { const a = history.applications[ev.i]!; return moveOpen(a.invoiceId, a.amountMinor); }
      case UNLEARN: {
        const l = history.learnedPayers[ev.i]!;
        learnedSoFar.delete(l);
        rebuild(liveSide);
        if (separate) rebuild(draftSide);
        else draftSide.index = liveSide.index;
        return;
      }
    }
  };

  const out: ReplayedReceipt[] = [];
  let next = 0;
  for (const receipt of history.receipts) {
    const t = receipt.arrivedAt;
    while (next < events.length) {
      const ev = events[next]!;
      if (ev.kind <= LEARN ? ev.t > t : ev.t >= t) break;
      run(ev);
      next++;
    }
    const [liveDecision, draftDecision] = [liveSide, draftSide].map((s) => {
      const d = decide(s.index, receipt, policyFor(s.policies, receipt.entity), s.ledger);
      s.ledger.add(receipt);
      return d;
    });
    out.push({ receipt, live: liveDecision!, draft: draftDecision! });
  }
  return out;
}

function timeline(h: History): Ev[] {
  const ev: Ev[] = [];
  const firstInvoice = new Map<string, number>();
  for (const inv of h.invoices) firstInvoice.set(inv.customerId, Math.min(firstInvoice.get(inv.customerId) ?? Infinity, inv.since));
  // A customer is known at the latest when its first invoice is (an invoice never arrives before its customer).
  h.customers.forEach((c, i) => ev.push({ t: Math.min(c.since, firstInvoice.get(c.id) ?? Infinity), kind: CREATE_CUSTOMER, i }));
  h.invoices.forEach((inv, i) => ev.push({ t: inv.since, kind: CREATE_INVOICE, i }));
  h.learnedPayers.forEach((l, i) => {
    ev.push({ t: l.since, kind: LEARN, i });
    if (l.until !== null) ev.push({ t: l.until, kind: UNLEARN, i });
  });
  h.applications.forEach((a, i) => {
    if (!a.invoiceId) return;
    ev.push({ t: a.at, kind: APPLY, i });
    if (a.reversedAt !== null) ev.push({ t: a.reversedAt, kind: REVERSE, i });
  });
  return ev.sort((a, b) => a.t - b.t || a.kind - b.kind);
}

const toCustomerInput = (c: History["customers"][number]) => ({ id: c.id, name: c.name, aliases: c.aliases, entity: c.entity, bankAccounts: c.bankAccounts });
const toInvoiceInput = (inv: HistoryInvoice, open: bigint) => ({
  id: inv.id, number: inv.number, customerId: inv.customerId, entity: inv.entity, currency: inv.currency,
  amount: fromMinor(inv.amountMinor, inv.currency), openAmount: fromMinor(open, inv.currency),
  issueDate: inv.issueDate, dueDate: inv.dueDate, poNumber: inv.poNumber,
});
