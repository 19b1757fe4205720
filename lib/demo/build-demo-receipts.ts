// Three weeks of receipts for the demo, each taken to a realistic workflow position with everything that
// position implies (applications, invoice balances, exception case, events, journal entry, bank line).
import type { Rng } from "./prng.ts";
import { formatMoney } from "../money/money.ts";
import type { DemoCustomer, DemoInvoice } from "./build-demo-data.ts";
import { linkDemoExceptions } from "./link-demo-exceptions.ts";

const DAY = 86_400_000;
const SCENARIOS = [
  ["POSTED", 52], ["PUBLISHED", 8], ["APPLIED", 5], ["UNIDENTIFIED", 7], ["SHORT_PAY", 5], ["OVERPAYMENT", 4],
  ["DUPLICATE", 2], ["NEEDS_REVIEW", 4], ["CHARGEBACK", 2], ["RETURNED", 2], ["POSTING_FAILED", 3], ["ESCALATED", 2],
  ["RECEIVED", 2], ["MATCHED", 2],
] as const;
type Scenario = (typeof SCENARIOS)[number][0];
const CODE: Partial<Record<Scenario, string>> = {
  UNIDENTIFIED: "UNIDENTIFIED", SHORT_PAY: "SHORT_PAY", OVERPAYMENT: "OVERPAYMENT", DUPLICATE: "DUPLICATE", NEEDS_REVIEW: "AMBIGUOUS",
  CHARGEBACK: "CHARGEBACK", RETURNED: "RETURNED", POSTING_FAILED: "POSTING_FAILED", ESCALATED: "SHORT_PAY",
};
export const DEMO_ANALYST_IDS = ["usr_analyst", "usr_sam", "usr_jo"];

type Bank = { id: string; entityId: string; currency: string; accountNumber: string; glAccount: string };
type Input = { rng: Rng; now: Date; customers: DemoCustomer[]; invoices: DemoInvoice[]; bankAccounts: Bank[] };

function pickScenario(rng: Rng): Scenario {
  const total = SCENARIOS.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [name, w] of SCENARIOS) if ((r -= w) < 0) return name;
  return "POSTED";
}

/**
 * Days back for a receipt whose scenario leaves an exception open, indexed by a uniform draw 0..20: most open
 * cases are a day or two old (a team that works its queue), a tail is older, so a realistic share (about a
 * quarter), not most, of the queue is past its SLA.
 */
const OPEN_CASE_AGE_DAYS = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 6, 9, 14];
/** Nothing the demo writes is later than this before the moment it was generated (an analyst's "just now"). */
const SETTLE_MS = 5000;

export function buildReceipts({ rng, now, customers, invoices, bankAccounts }: Input) {
  const receipts: Record<string, unknown>[] = [];
  const applications: Record<string, unknown>[] = [];
  const cases: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const journal: { entry: Record<string, unknown>; lines: Record<string, unknown>[] }[] = [];
  const bankLines: Record<string, unknown>[] = [];
  const openByCustomer = new Map<string, DemoInvoice[]>();
  for (const inv of invoices) if (inv.openAmountMinor > 0n && inv.status === "OPEN") (openByCustomer.get(inv.customerId) ?? openByCustomer.set(inv.customerId, []).get(inv.customerId)!).push(inv);
  const event = (e: Record<string, unknown>) => events.push({ schemaVersion: 1, sourceSystem: "cashline", actorType: "system", businessKeys: {}, payload: {}, ...e });

  for (let i = 0; i < 1600; i++) {
    const id = `rcp_${String(i + 1).padStart(5, "0")}`;
    const scenario = i < 40 ? (i % 2 ? "RECEIVED" : "MATCHED") : pickScenario(rng);
    // Only customers that still have something open: every receipt here pays (or tries to pay) a real invoice.
    const customer = rng.pick(customers.filter((c) => (openByCustomer.get(c.id)?.length ?? 0) > 0));
    const open = openByCustomer.get(customer.id)!;
    const invoice = open[rng.int(0, open.length - 1)]!;
    const bank = bankAccounts.find((b) => b.entityId === customer.entityId && (!invoice || b.currency === invoice.currency)) ?? bankAccounts[0]!;
    const currency = invoice?.currency ?? bank.currency;
    const draw = rng.int(0, 20);
    const dayOffset = i < 40 ? 0 : CODE[scenario] ? OPEN_CASE_AGE_DAYS[draw]! : draw;
    // Anchored to the moment the demo is generated: received 1 min to 10 h before "now", dayOffset days back.
    const receivedAt = new Date(now.getTime() - dayOffset * DAY - rng.int(0, 9) * 3_600_000 - rng.int(60, 3599) * 1000);
    const channel = scenario === "CHARGEBACK" ? "CARD" : scenario === "RETURNED" ? "ACH" : customer.entityId === "ent_DE01" ? "SEPA" : rng.pick(["ACH", "WIRE", "CHECK", "ACH", "CARD"]);
    const invAmount = invoice?.openAmountMinor ?? BigInt(rng.int(10_000, 500_000));
    let amountMinor = invAmount;
    if (scenario === "SHORT_PAY" || scenario === "ESCALATED") amountMinor = (invAmount * BigInt(rng.int(60, 95))) / 100n;
    if (scenario === "OVERPAYMENT") amountMinor = invAmount + BigInt(rng.int(5_000, 50_000));
    const wireFee = channel === "WIRE" && ["POSTED", "PUBLISHED"].includes(scenario) && invAmount > 500_000n ? 1500n : 0n;
    amountMinor -= wireFee;
    const bankRef = `${channel === "CARD" ? "ch_" : "BR"}${String(rng.int(1e9, 9.9e9))}`;
    const payerName = scenario === "UNIDENTIFIED" ? `${rng.pick(["J SMITH", "ACME HOLDINGS", "PAYMENT SERVICES LLC", "CUST 4471"])}` : customer.aliases[rng.int(0, customer.aliases.length - 1)]!.slice(0, 35);
    const remittance = scenario === "UNIDENTIFIED" || scenario === "NEEDS_REVIEW" ? rng.pick(["PAYMENT", "INVOICE PAYMENT", "", "OCT STATEMENT"]) : invoice ? rng.pick([invoice.number, `INV ${invoice.number}`, `Payment for ${invoice.number}`]) : "";
    // Chargebacks and returns hit payments that had been applied and posted (issue 11: their way out undoes that).
    const settledThenLost = scenario === "CHARGEBACK" || scenario === "RETURNED";
    const applied = ["POSTED", "PUBLISHED", "APPLIED", "POSTING_FAILED"].includes(scenario) || settledThenLost;
    const identified = scenario !== "UNIDENTIFIED" && scenario !== "RECEIVED";
    const posted = scenario === "POSTED" || scenario === "PUBLISHED";
    const postedAt = posted ? new Date(Math.min(receivedAt.getTime() + rng.int(20, 4 * 3600) * 1000, now.getTime() - SETTLE_MS))
      : settledThenLost ? new Date(Math.min(receivedAt.getTime() + 3_600_000, now.getTime() - SETTLE_MS)) : null;
    const state = scenario === "MATCHED" ? "MATCHED" : scenario;
    receipts.push({
      id, entityId: customer.entityId, bankAccountId: channel === "CARD" ? null : bank.id, customerId: identified ? customer.id : null, currency,
      amountMinor, unappliedMinor: applied ? 0n : amountMinor, valueDate: new Date(Date.UTC(receivedAt.getUTCFullYear(), receivedAt.getUTCMonth(), receivedAt.getUTCDate())),
      channel, payerName, payerAccount: customer.payerAccounts[0] ?? null, remittance, bankReference: bankRef,
      processorReference: channel === "CARD" ? `pi_${rng.int(1e9, 9.9e9)}` : null, state, stateChangedAt: postedAt ?? receivedAt,
      naturalKey: channel === "CARD" ? `stripe:${bankRef}` : `${bank.accountNumber}:${bankRef}`, sourceSystem: channel === "CARD" ? "stripe" : "bank",
      sourceId: bankRef, receivedAt, postedAt, postingLatencyMs: postedAt ? postedAt.getTime() - receivedAt.getTime() : null,
      correlationId: `demo-${id}`, ruleVersion: "engine-1/policy-1", createdAt: receivedAt,
    });
    event({ type: "payment.received", receiptId: id, entityId: customer.entityId, sourceSystem: channel === "CARD" ? "stripe" : "bank", sourceId: bankRef, correlationId: `demo-${id}`, toState: "RECEIVED", occurredAt: receivedAt, recordedAt: receivedAt, businessKeys: { bankReference: bankRef } });
    // The return arrives a day later, or just now for a payment received today.
    const returnedAt = new Date(Math.min(receivedAt.getTime() + DAY, now.getTime() - SETTLE_MS));
    if (channel !== "CARD") {
      bankLines.push({ id: `btx_${id}`, bankAccountId: bank.id, naturalKey: `${bank.accountNumber}:${bankRef}`, amountMinor: scenario === "RETURNED" ? amountMinor : amountMinor, currency, valueDate: receipts.at(-1)!.valueDate, bookingDate: receipts.at(-1)!.valueDate, type: "NTRF", bankReference: bankRef, counterpartyName: payerName, counterpartyAccount: customer.payerAccounts[0] ?? null, remittance, reconciled: applied, receiptId: id, createdAt: receivedAt });
      if (scenario === "RETURNED") bankLines.push({ id: `btx_${id}_r`, bankAccountId: bank.id, naturalKey: `${bank.accountNumber}:${bankRef}:R01`, amountMinor: -amountMinor, currency, valueDate: returnedAt, bookingDate: null, type: "R01", bankReference: `${bankRef}R`, counterpartyName: payerName, remittance: "RETURN R01 INSUFFICIENT FUNDS", reconciled: false, receiptId: id, createdAt: returnedAt });
    }
    if (applied && invoice) {
      invoice.openAmountMinor = 0n;
      invoice.status = "PAID";
      open.splice(open.indexOf(invoice), 1);
      const at = new Date(receivedAt.getTime() + 5000);
      applications.push({ id: `app_${id}`, receiptId: id, invoiceId: invoice.id, customerId: customer.id, kind: "INVOICE", amountMinor: amountMinor + wireFee, currency, appliedByType: "engine", ruleVersion: "engine-1/policy-1", appliedAt: at });
      if (wireFee) applications.push({ id: `app_${id}_wo`, receiptId: id, invoiceId: invoice.id, customerId: customer.id, kind: "WRITE_OFF", amountMinor: wireFee, currency, reasonCode: "bank_charge", appliedByType: "engine", appliedAt: at });
      event({ type: "cash.applied", receiptId: id, invoiceId: invoice.id, entityId: customer.entityId, sourceId: `app_${id}`, correlationId: `demo-${id}`, fromState: "MATCHED", toState: "APPLIED", occurredAt: at, recordedAt: at, payload: { invoice: invoice.number, amountMinor: String(amountMinor + wireFee) } });
    }
    if (posted || settledThenLost || scenario === "POSTING_FAILED" || scenario === "APPLIED") {
      const lines = [
        { account: bank.glAccount, debitMinor: amountMinor, creditMinor: 0n, description: "Cash received" },
        ...(wireFee ? [{ account: "6810", debitMinor: wireFee, creditMinor: 0n, description: "Bank charges written off" }] : []),
        { account: "1200", debitMinor: 0n, creditMinor: amountMinor + wireFee, description: `Receivable ${invoice?.number ?? ""}` },
      ];
      journal.push({ entry: { id: `je_${id}`, entityId: customer.entityId, currency, receiptId: id, kind: "cash_receipt", idempotencyKey: `receipt:${id}:v1`, status: posted || settledThenLost ? "POSTED" : scenario === "APPLIED" ? "PENDING" : "FAILED", erpDocumentId: posted || settledThenLost ? `AR-RCPT-${i + 1}` : null, attempts: posted || settledThenLost ? 1 : scenario === "APPLIED" ? 0 : 8, lastError: posted || settledThenLost || scenario === "APPLIED" ? null : "ERP answered 503 Service Unavailable (maintenance)", createdAt: receivedAt, postedAt }, lines });
      if (posted || settledThenLost) event({ type: "receipt.posted", receiptId: id, entityId: customer.entityId, sourceId: `je_${id}`, correlationId: `demo-${id}`, fromState: "APPLIED", toState: "POSTED", postingStatus: "acknowledged", occurredAt: postedAt, recordedAt: postedAt });
      if (scenario === "PUBLISHED") event({ type: "receipt.published", receiptId: id, sourceId: `pub_${id}`, correlationId: `demo-${id}`, fromState: "POSTED", toState: "PUBLISHED", occurredAt: new Date(postedAt!.getTime() + 2000), recordedAt: new Date(postedAt!.getTime() + 2000) });
    }
    const code = CODE[scenario];
    if (code) {
      const createdAt = new Date(receivedAt.getTime() + 10_000);
      const slaHours = code === "CHARGEBACK" ? 24 : 48;
      cases.push({
        id: `case_${id}`, code, status: scenario === "ESCALATED" ? "ESCALATED" : rng.chance(0.3) ? "IN_PROGRESS" : "OPEN", priority: code === "CHARGEBACK" || amountMinor > 1_000_000n ? "HIGH" : "NORMAL",
        entityId: customer.entityId, receiptId: id, amountMinor, currency, assigneeId: rng.chance(0.5) ? rng.pick(DEMO_ANALYST_IDS) : null,
        slaDueAt: new Date(createdAt.getTime() + slaHours * 3_600_000), createdAt,
        // Never a suggestion to apply a duplicate, a returned or charged-back payment, or a posted one.
        suggestion: invoice && !["UNIDENTIFIED", "DUPLICATE", "RETURNED", "CHARGEBACK", "POSTING_FAILED"].includes(code) ? { applications: [{ invoiceId: invoice.id, invoiceNumber: invoice.number, amountMinor: String(amountMinor < invAmount ? amountMinor : invAmount) }] } : { applications: [] },
        reasons: [
          code === "UNIDENTIFIED" ? "no invoice reference and payer name matches no customer" : code === "AMBIGUOUS" ? "two or more open invoice sets fit the amount" : code === "SHORT_PAY" ? `paid ${formatMoney(amountMinor, currency)} of ${formatMoney(invAmount, currency)}: shortfall beyond tolerance` : code === "OVERPAYMENT" ? "receipt exceeds the referenced invoice beyond tolerance" : code === "DUPLICATE" ? "same bank reference, amount, value date and payer as an earlier receipt" : code === "CHARGEBACK" ? "card payment disputed by the cardholder" : code === "RETURNED" ? "ACH return R01 (insufficient funds)" : "the ERP kept failing until the retry budget ran out (8 attempts): ERP answered 503 Service Unavailable (maintenance)",
        ],
      });
      event({ type: "reconciliation_exception.created", receiptId: id, entityId: customer.entityId, sourceId: `case_${id}`, correlationId: `demo-${id}`, toState: state, exceptionCode: code, occurredAt: createdAt, recordedAt: createdAt });
    }
  }
  linkDemoExceptions({ receipts, applications, cases, events, bankLines, invoices });
  return { receipts, applications, cases, events, journal, bankLines };
}
