// A pass over the demo's receipts once they are all built (pure, no random draws, so the rest of the demo stays as
// it was) that makes its exceptions what they claim to be (issue 11):
// - a DUPLICATE repeats a real earlier receipt (same amount, payer and remittance) and names it (duplicateOf);
// - every other duplicate is instead an ALREADY_PAID payment: it references an invoice a real earlier receipt paid;
// - an AMBIGUOUS case lists the sets of the customer's still-open invoices that fit, and no case suggests a paid invoice;
// - each exception receipt carries a decision JSON whose code is its case's code.
import type { DemoInvoice } from "./build-demo-data.ts";

type Row = Record<string, unknown>;
type Flow = { receipts: Row[]; applications: Row[]; cases: Row[]; events: Row[]; bankLines: Row[]; invoices: DemoInvoice[] };

/** Codes the matching engine decides (a posting failure, a return or a chargeback comes after an applied decision). */
const ENGINE_CODES = ["UNIDENTIFIED", "AMBIGUOUS", "SHORT_PAY", "OVERPAYMENT", "DUPLICATE", "ALREADY_PAID"];
const isOpen = (i: DemoInvoice) => (i.status === "OPEN" || i.status === "PARTIALLY_PAID") && i.openAmountMinor > 0n;

/** Sets of open invoices of one customer whose open amounts add up to `amount` exactly: singles, then pairs. */
export function fittingSets(open: DemoInvoice[], amount: bigint, max = 4): DemoInvoice[][] {
  const out: DemoInvoice[][] = open.filter((i) => i.openAmountMinor === amount).map((i) => [i]);
  for (let a = 0; a < open.length && out.length < max; a++) {
    for (let b = a + 1; b < open.length && out.length < max; b++) {
      if (open[a]!.openAmountMinor + open[b]!.openAmountMinor === amount) out.push([open[a]!, open[b]!]);
    }
  }
  return out.slice(0, max);
}

export function linkDemoExceptions({ receipts, applications, cases, events, bankLines, invoices }: Flow): void {
  const caseOf = new Map(cases.map((c) => [c.receiptId as string, c]));
  const invoiceById = new Map(invoices.map((i) => [i.id, i]));
  const paidBy = new Map<string, string>();
  for (const a of applications) if (a.kind === "INVOICE" && !paidBy.has(a.receiptId as string)) paidBy.set(a.receiptId as string, a.invoiceId as string);
  const line = (id: string) => bankLines.find((l) => l.id === `btx_${id}`);
  const caseEvent = (id: string) => events.find((e) => e.receiptId === id && e.type === "reconciliation_exception.created");
  let duplicates = 0;
  receipts.forEach((r, idx) => {
    const c = caseOf.get(r.id as string);
    if (!c) return;
    if (r.state === "DUPLICATE") {
      const already = duplicates % 2 === 1;
      const candidates = receipts.slice(0, idx).reverse().filter((o) => (o.state === "POSTED" || o.state === "PUBLISHED") && o.currency === r.currency
        && o.entityId === r.entityId && o.bankAccountId === r.bankAccountId && paidBy.has(o.id as string));
      // Small ones first when there are: a refund to the payer then stays within an approver's limit.
      const small = (o: Row) => (already ? invoiceById.get(paidBy.get(o.id as string)!)!.amountMinor : (o.amountMinor as bigint)) <= 100_000n;
      const orig = candidates.find(small) ?? candidates[0];
      if (!orig) return;
      const inv = invoiceById.get(paidBy.get(orig.id as string)!)!;
      duplicates++;
      const amountMinor = already ? inv.amountMinor : (orig.amountMinor as bigint);
      Object.assign(r, {
        amountMinor, unappliedMinor: amountMinor, customerId: orig.customerId, payerName: orig.payerName, payerAccount: orig.payerAccount,
        remittance: already ? inv.number : orig.remittance, ...(already ? { state: "NEEDS_REVIEW" } : {}),
      });
      const bl = line(r.id as string);
      if (bl) Object.assign(bl, { amountMinor, remittance: r.remittance, counterpartyName: r.payerName });
      Object.assign(c, already ? {
        code: "ALREADY_PAID", amountMinor,
        reasons: [`references invoice ${inv.number}, which receipt ${orig.id} already paid: nothing open`],
        suggestion: { applications: [], paidInvoices: [{ invoiceId: inv.id, invoiceNumber: inv.number }] },
      } : {
        amountMinor,
        reasons: [`same amount, payer and remittance as receipt ${orig.id}, already applied to ${inv.number}`],
        suggestion: { applications: [], duplicateOf: orig.id },
      });
      const e = caseEvent(r.id as string);
      if (e && already) Object.assign(e, { toState: "NEEDS_REVIEW", exceptionCode: "ALREADY_PAID" });
    } else if (c.code === "AMBIGUOUS") {
      const open = invoices.filter((i) => i.customerId === r.customerId && i.currency === r.currency && isOpen(i));
      const sets = fittingSets(open, r.amountMinor as bigint);
      const asLines = (set: DemoInvoice[]) => set.map((i) => ({ invoiceId: i.id, invoiceNumber: i.number, amountMinor: String(i.openAmountMinor) }));
      Object.assign(c, {
        reasons: [sets.length >= 2 ? `the remittance names no invoice and ${sets.length} sets of the customer's open invoices fit the amount`
          : sets.length === 1 ? "the remittance names no invoice; one set of the customer's open invoices fits the amount, but the payer was identified by name only: confirm it"
          : "the remittance names no invoice and no set of the customer's open invoices fits the amount"],
        suggestion: { applications: sets[0] ? asLines(sets[0]) : [], candidateSets: sets.map(asLines) },
      });
    }
    // A suggestion never proposes an invoice a later receipt of the demo has paid meanwhile.
    const sug = c.suggestion as { applications?: { invoiceId: string }[] } | undefined;
    if (sug?.applications) sug.applications = sug.applications.filter((a) => { const i = invoiceById.get(a.invoiceId); return !!i && isOpen(i); });
    if (!ENGINE_CODES.includes(c.code as string)) return;
    const s = (c.suggestion ?? {}) as { applications?: { invoiceId: string; amountMinor: string }[]; candidateSets?: unknown[] };
    r.matchDecision = {
      receipt_id: r.id, outcome: "exception", exception_code: c.code, confidence: 0.8, reasons: c.reasons, engine: "demo-seed",
      applications: (s.applications ?? []).map((a) => ({ invoice_id: a.invoiceId, amountMinor: a.amountMinor })),
      ...(s.candidateSets ? { candidate_sets: s.candidateSets } : {}),
    };
  });
}
