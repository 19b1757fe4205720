// Advices and payments in the order they arrive, as the product sees them: an advice before its payment waits and
// is linked when the money comes; one after it links to the decided receipt, which is decided again with it.
// Pure (no database): the engine, the linker and the advices parsed back from their files.
import { createEngine, type Decision } from "../../cashapp/engine.ts";
import { linkAdvices, payerResolver, type LinkableReceipt } from "../link-advices.ts";
import type { RemittanceAdvice } from "../types.ts";
import type { RemitDataset } from "./generate-remittances.ts";

export interface TimelineResult {
  decisions: Map<string, Decision>;
  linkedOnArrivalOfMoney: number;
  linkedLate: number;
  redecided: number;
  /** Receipts applied without their advice (generic bank text, amount alone) whose late advice changed the applications. */
  interimAppliedChanged: number;
  waitingAtEnd: number;
}

/** `advices`: the parsed advices by payment reference (what the parser made of the files). */
export function runTimeline(ds: RemitDataset, advices: ReadonlyMap<string, RemittanceAdvice>): TimelineResult {
  type Ev = { at: number; kind: "receipt" | "advice"; k: number };
  const events: Ev[] = [];
  ds.payments.forEach((p, k) => {
    events.push({ at: 2 * k + 1, kind: "receipt", k });
    if (p.advice) events.push({ at: p.arrival === "before" ? 2 * k : 2 * (k + 1 + (k % 17)) + 1.5, kind: "advice", k });
  });
  events.sort((a, b) => a.at - b.at);
  const engine = createEngine({ customers: ds.customers, invoices: ds.invoices });
  const payers = payerResolver(engine.index);
  const decisions = new Map<string, Decision>();
  let waiting: RemittanceAdvice[] = [];
  const unlinked = new Map<string, LinkableReceipt>();
  const out = { linkedOnArrivalOfMoney: 0, linkedLate: 0, redecided: 0, interimAppliedChanged: 0 };
  for (const ev of events) {
    const p = ds.payments[ev.k]!;
    if (ev.kind === "receipt") {
      const { links } = linkAdvices(waiting, [p.receipt], { payers });
      const l = links[0];
      const advice = l ? waiting[l.advice]! : undefined;
      if (l) waiting = waiting.filter((_, i) => i !== l.advice), out.linkedOnArrivalOfMoney++;
      else unlinked.set(p.receipt.id, { ...p.receipt, decided: true });
      decisions.set(p.receipt.id, engine.process(p.receipt, advice && { advice, confidence: l!.confidence, rule: l!.reason }));
      continue;
    }
    const advice = advices.get(p.advice!.payment_reference);
    if (!advice) continue; // the parser dropped it: the test's counts show it
    const { links } = linkAdvices([advice], [...unlinked.values()], { payers });
    const l = links[0];
    if (!l) {
      waiting.push(advice);
      continue;
    }
    out.linkedLate++;
    const r = unlinked.get(l.receiptId)!;
    unlinked.delete(l.receiptId);
    out.redecided++;
    const before = decisions.get(r.id)!;
    const after = engine.redecide(r, before, { advice, confidence: l.confidence, rule: l.reason });
    const key = (d: Decision) => d.outcome === "applied" ? d.applications.map((a) => `${a.invoice_id}=${a.amount}`).sort().join(",") : "";
    if (before.outcome === "applied" && key(before) !== key(after)) out.interimAppliedChanged++;
    decisions.set(r.id, after);
  }
  return { decisions, ...out, waitingAtEnd: waiting.length };
}
