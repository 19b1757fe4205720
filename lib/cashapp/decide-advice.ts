// A receipt decided with its linked remittance advice (../shared/contracts/remittance.md). The advice names the
// invoices, what is paid on each, discounts and deductions with reasons; the receipt is `applied` when the lines
// add up to it and every named invoice is open, of the payer (or a subsidiary of it), in the receipt's entity and
// currency. Each shortfall the advice explains becomes a deduction (the invoice keeps it open); a discount within
// the policy's terms is granted (the invoice is cleared); a shortfall it does not explain follows the tolerance as
// before (written off, or SHORT_PAY).
import { accountKey } from "./normalise.ts";
import { formatMoney } from "./money.ts";
import { identifyPayer } from "./identify-customer.ts";
import { checkTolerance, DEFAULT_DISCOUNT } from "./policy.ts";
import { exceptionDecision, rememberApplied, type DecideContext, type Suggestion } from "./outcome.ts";
import { readAdvice, type AdviceItem, type LineProblem } from "./advice-lines.ts";
import type { RemittanceAdvice } from "../remittance/types.ts";
import type { Decision, DeductionDecision, ExceptionCode } from "./types.ts";

/** An advice the linker attached to the receipt (lib/remittance/link-advices.ts). */
export interface LinkedAdvice {
  advice: RemittanceAdvice;
  /** The link's confidence in [0,1]; the decision's confidence is at most this. */
  confidence?: number;
  /** How it was linked, for the reasons ("payment reference = bank reference"). */
  rule?: string;
}

export function decideWithAdvice(ctx: DecideContext, linked: LinkedAdvice): Decision {
  const { advice } = linked;
  const { index } = ctx;
  const cur = ctx.receipt.currency;
  const ref = advice.payment_reference;
  const reasons = [`remittance advice ${ref} (${advice.lines.length} line${advice.lines.length === 1 ? "" : "s"})${linked.rule ? ` linked by ${linked.rule}` : ""}`];
  const fail = (code: ExceptionCode, suggestions: Suggestion[], why: string[], extra: Partial<Decision> = {}, deductions: DeductionDecision[] = []): Decision =>
    ({ ...exceptionDecision(ctx, code, suggestions, 0.9, [...reasons, ...why]), deductions, remittance: ref, ...extra });

  if (advice.currency.toUpperCase() !== cur) return fail("CURRENCY_MISMATCH", [], [`the advice is in ${advice.currency}, the receipt in ${cur}`]);
  const payer = advicePayer(ctx, advice);
  if (payer.detail) reasons.push(payer.detail);
  const read = readAdvice(ctx, advice, payer.customer);
  if (typeof read === "string") return fail("UNIDENTIFIED", [], [read]);
  const { items, problems } = read;
  const suggestions = items.filter((it) => index.invoices[it.invoice]!.open > 0n).map((it) => ({
    invoice: it.invoice, amount: min(index.invoices[it.invoice]!.open, it.paid + grantedDiscount(ctx, it)),
  }));

  // 1. Every line must name one invoice of the receipt's entity and currency.
  if (problems.length) return lineProblem(ctx, problems, (c, s, w) => fail(c, suggestions, [...s, ...w]));
  if (!items.length) return fail("UNIDENTIFIED", [], ["the advice names no invoice"]);

  // 2. ... of the payer or a subsidiary the hierarchy puts under it (one family when the payer is not known).
  const label = (i: number) => index.invoices[i]!.number;
  const custOf = (it: AdviceItem) => index.invoices[it.invoice]!.customer;
  if (payer.customer !== null) {
    const foreign = items.filter((it) => !index.isWithin(custOf(it), payer.customer!));
    if (foreign.length) {
      return fail("AMBIGUOUS", suggestions, [`${foreign.map((it) => label(it.invoice)).join(", ")} ${foreign.length > 1 ? "belong" : "belongs"} to another customer than the payer ${index.customers[payer.customer]!.id}`]);
    }
  } else if (new Set(items.map((it) => index.rootOf(custOf(it)))).size > 1) {
    return fail("AMBIGUOUS", suggestions, ["the advice names invoices of unrelated customers and the payer is not known"]);
  }
  const subsidiaries = [...new Set(items.map(custOf))].filter((c) => c !== payer.customer && payer.customer !== null);
  if (subsidiaries.length) reasons.push(`parent ${index.customers[payer.customer!]!.id} pays for ${subsidiaries.map((c) => index.customers[c]!.id).join(", ")}`);

  // 3. Nothing already paid.
  const paid = items.filter((it) => index.invoices[it.invoice]!.open <= 0n);
  if (paid.length) {
    return fail("ALREADY_PAID", suggestions, [`${paid.map((it) => label(it.invoice)).join(", ")} ${paid.length > 1 ? "have" : "has"} nothing open`], {
      paid_invoice_ids: paid.map((it) => index.invoices[it.invoice]!.id),
    });
  }

  // 4. Each invoice: paid + discount + deductions against what is open.
  const applications: Decision["applications"] = [];
  const appliedIdx: number[] = [];
  const appliedMinor: bigint[] = [];
  const deductions: DeductionDecision[] = [];
  const discounts: NonNullable<Decision["discounts"]> = [];
  let unexplained = 0n;
  let owed = 0n;
  const lines: string[] = [];
  for (const it of items) {
    const inv = index.invoices[it.invoice]!;
    const granted = grantedDiscount(ctx, it);
    const ded = it.deductions.map((d) => ({ ...d }));
    if (it.discount > granted) ded.push({ amount: it.discount - granted, reason: "UNAUTHORISED_DISCOUNT", code: null, text: "discount taken beyond the policy's terms" });
    let kept = 0n;
    for (const d of ded) kept += d.amount;
    const rest = inv.open - it.paid - granted - kept;
    if (it.paid > inv.open) return fail("OVERPAYMENT", suggestions, [`${inv.number}: pays ${formatMoney(it.paid, cur)} on ${formatMoney(inv.open, cur)} open`]);
    if (rest < 0n) return fail("AMBIGUOUS", suggestions, [`${inv.number}: the advice accounts for ${formatMoney(inv.open - rest, cur)} but ${formatMoney(inv.open, cur)} is open`]);
    unexplained += rest;
    owed += inv.open - granted - kept;
    // (an invoice the customer keeps whole as a deduction gets no application of 0)
    if (it.paid + granted + rest > 0n) {
      applications.push({ invoice_id: inv.id, amount: formatMoney(it.paid + granted + rest, cur) });
      appliedIdx.push(inv.idx), appliedMinor.push(it.paid + granted + rest);
    }
    if (granted > 0n) discounts.push({ invoice_id: inv.id, amount: formatMoney(granted, cur) });
    for (const d of ded) deductions.push({ invoice_id: inv.id, amount: formatMoney(d.amount, cur), reason: d.reason, code: d.code, text: d.text });
    lines.push(`${inv.number}: paid ${formatMoney(it.paid, cur)}${granted ? `, discount ${formatMoney(granted, cur)}` : ""}${ded.map((d) => `, deduction ${formatMoney(d.amount, cur)} ${d.reason}`).join("")}`);
  }
  reasons.push(...lines.slice(0, 20));
  if (lines.length > 20) reasons.push(`… ${lines.length - 20} more invoices`);

  // 5. The advice must add up: its lines to its own total and to the money received.
  if (read.linesTotal !== read.paymentAmount || read.linesTotal !== ctx.amount) {
    const code: ExceptionCode = ctx.amount < read.linesTotal ? "SHORT_PAY" : ctx.amount > read.linesTotal ? "OVERPAYMENT" : "AMBIGUOUS";
    return fail(code, suggestions, [`the advice does not add up: lines ${formatMoney(read.linesTotal, cur)}, advice total ${formatMoney(read.paymentAmount, cur)}, receipt ${formatMoney(ctx.amount, cur)}`], {}, deductions);
  }

  // 6. A shortfall the advice does not explain: the policy's tolerance, as without an advice.
  const check = checkTolerance(ctx.policy, ctx.amount, owed, cur);
  if (!check.fits) {
    return fail("SHORT_PAY", suggestions, [`${formatMoney(unexplained, cur)} paid short without a reason on the advice, beyond tolerance`], {}, deductions);
  }
  if (check.writeOff) reasons.push(`unexplained ${formatMoney(check.writeOff.amount, cur)} written off as ${check.writeOff.reason.replace("_", " ")}`);
  if (deductions.length) reasons.push(`${deductions.length} deduction${deductions.length > 1 ? "s" : ""} kept open with the advice's reasons`);

  let conf = Math.min(items.every((it) => it.kind === "number") ? 0.99 : 0.96, linked.confidence ?? 0.99);
  if (payer.customer === null) conf -= 0.02;
  if (check.writeOff) conf -= 0.01;
  conf = Math.round(conf * 100) / 100;
  if (conf < ctx.policy.autoPostConfidence) {
    return fail("AMBIGUOUS", suggestions, [`confidence ${conf} below auto-post threshold ${ctx.policy.autoPostConfidence}`], {}, deductions);
  }
  const decision: Decision = {
    receipt_id: ctx.receipt.id, outcome: "applied", applications, exception_code: null,
    write_off: check.writeOff ? { amount: formatMoney(check.writeOff.amount, cur), reason: check.writeOff.reason } : null,
    confidence: conf, reasons, rule_version: ctx.policy.ruleVersion, currency: cur, deductions, remittance: ref,
    ...(discounts.length ? { discounts } : {}),
  };
  rememberApplied(index, decision, appliedIdx, appliedMinor);
  return decision;
}

/** The discount granted on an item: all of it within the policy's rate (and period, when set), else none. */
function grantedDiscount(ctx: DecideContext, it: AdviceItem): bigint {
  if (it.discount <= 0n) return 0n;
  const p = ctx.policy.discount ?? DEFAULT_DISCOUNT;
  const inv = ctx.index.invoices[it.invoice]!;
  const cap = (inv.amount * BigInt(p.maxBasisPoints) + 9999n) / 10000n; // rounded up to the minor unit
  if (it.discount > cap) return 0n;
  const issued = inv.issueDate ? Date.parse(inv.issueDate) : NaN;
  if (p.days !== null && !Number.isNaN(issued)) {
    const last = new Date(issued + (p.days + p.graceDays) * 86_400_000).toISOString().slice(0, 10);
    if (ctx.receipt.valueDate > last) return 0n;
  }
  return it.discount;
}

/** Who pays: the advice's payer id / name, else the receipt's identified payer. */
function advicePayer(ctx: DecideContext, advice: RemittanceAdvice): { customer: number | null; detail: string } {
  const { index, receipt } = ctx;
  const inEntity = (cs: readonly number[]) => [...new Set(cs)].filter((c) => index.customers[c]!.entity === receipt.entity);
  if (advice.payer_id) {
    const byId = index.customerById.get(advice.payer_id.trim());
    const ids = inEntity([...(byId !== undefined ? [byId] : []), ...index.customersBy(index.byAccount, accountKey(advice.payer_id))]);
    if (ids.length === 1) return { customer: ids[0]!, detail: `advice payer id ${advice.payer_id} is customer ${index.customers[ids[0]!]!.id}` };
  }
  if (advice.payer_name) {
    const byName = identifyPayer(index, { entity: receipt.entity, payerName: advice.payer_name }, {
      learned: ctx.policy.strategies.learnedIdentities, namePrefix: ctx.policy.strategies.namePrefix,
    });
    if (byName.customers.length === 1) return { customer: byName.customers[0]!, detail: `advice payer "${advice.payer_name}" is customer ${index.customers[byName.customers[0]!]!.id}` };
  }
  if (ctx.payer.customers.length === 1) return { customer: ctx.payer.customers[0]!, detail: `payer identified by ${ctx.payer.detail}` };
  return { customer: null, detail: "payer not identified" };
}

function lineProblem(ctx: DecideContext, problems: LineProblem[], fail: (code: ExceptionCode, s: string[], w: string[]) => Decision): Decision {
  const { index, receipt } = ctx;
  const p = problems[0]!;
  const more = problems.length > 1 ? [`${problems.length - 1} more line${problems.length > 2 ? "s" : ""} with problems`] : [];
  if (p.kind === "outside") {
    const inv = index.invoices[p.invoices[0]!]!;
    const code: ExceptionCode = inv.currency !== receipt.currency ? "CURRENCY_MISMATCH" : "UNIDENTIFIED";
    return fail(code, [`${p.document} is ${inv.number} (${inv.entity} ${inv.currency}), not of ${receipt.entity} ${receipt.currency}`], more);
  }
  if (p.kind === "ambiguous") return fail("AMBIGUOUS", [`${p.document} may be ${p.invoices.map((i) => index.invoices[i]!.number).join(" or ")}`], more);
  return fail("UNIDENTIFIED", [`${p.document} names no invoice`], more);
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
