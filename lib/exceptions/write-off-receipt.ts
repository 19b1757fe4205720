// Write off a small difference: a shortfall on an invoice (bank charge, small balance, discount: the invoice is
// settled for more than the cash) or excess cash (small overpayment). Within all of the user's limits in the
// receipt's currency (per write-off, per day, per receipt, per invoice: write-off-limits.ts) it happens at once;
// above any of them the whole step (write-off plus any cash applied with it) waits for a second person's approval
// (four-eyes): the case goes to PENDING_APPROVAL with the plan. Only on receipts still being worked
// (WRITE_OFF_STATES), never on applied/posted ones, and a shortfall write-off must come with cash on its invoice.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { formatMoney } from "../money/money.ts";
import type { Prisma } from "../db/generated/client.ts";
import {
  actionResult, assertCanMoveMoney, audit, lockActiveCase, lockReceipt, parseAmount, recordEvent, runAction,
  type ActionContext, type LockedReceipt,
} from "./action-context.ts";
import { SHORTFALL_WRITE_OFF_REASONS, type writeOffBody } from "./action-schemas.ts";
import { checkPlan } from "./execute-plan.ts";
import { applyLockedPlan } from "./run-money-action.ts";
import type { PlanLine } from "./validate-plan.ts";
import { linesToJson, type WriteOffProposal } from "./write-off-proposal.ts";
import { assertMayMoveMoney } from "./action-context-guards.ts";
import { checkWriteOffLimits, limitJson, WRITE_OFF_STATES, writeOffInvoiceId } from "./write-off-limits.ts";

type Body = z.infer<typeof writeOffBody>;

export function buildWriteOffLines(receipt: LockedReceipt, body: Body): { lines: PlanLine[]; writeOffMinor: bigint } {
  const writeOffMinor = parseAmount(body.amount, receipt.currency);
  const lines: PlanLine[] = body.applications.map((a, i) => ({ kind: "INVOICE", invoiceId: a.invoiceId, amountMinor: parseAmount(a.amount, receipt.currency, `applications.${i}.amount`) }));
  if ((SHORTFALL_WRITE_OFF_REASONS as readonly string[]).includes(body.reasonCode)) {
    if (!body.invoiceId) throw problem(422, `invoiceId: a ${body.reasonCode} write-off settles part of an invoice; say which`);
    // The difference written off is what is left of a payment: without cash on the invoice there is nothing it is
    // the difference of (otherwise an invoice could be written off piece by piece with no money at all).
    if (!lines.some((l) => l.kind === "INVOICE" && l.invoiceId === body.invoiceId)) {
      throw problem(422, `applications: a ${body.reasonCode} write-off covers the shortfall of a payment: apply this receipt's cash to the same invoice in the same step`);
    }
    // The written-off part settles the invoice like cash would (receivable credited), paid for by the write-off.
    lines.push({ kind: "INVOICE", invoiceId: body.invoiceId, amountMinor: writeOffMinor }, { kind: "WRITE_OFF", invoiceId: body.invoiceId, amountMinor: writeOffMinor, reasonCode: body.reasonCode });
  } else {
    lines.push({ kind: "WRITE_OFF", amountMinor: writeOffMinor, reasonCode: body.reasonCode });
  }
  return { lines, writeOffMinor };
}

export function writeOffReceipt(ctx: ActionContext, receiptId: string, body: Body) {
  return runAction(async (tx) => {
    const receipt = await lockReceipt(tx, receiptId, body.receiptVersion);
    const activeCase = await lockActiveCase(tx, receiptId);
    assertCanMoveMoney(receipt, activeCase);
    assertWriteOffState(receipt);
    await assertMayMoveMoney(tx, ctx, receipt, "write off");
    const { lines, writeOffMinor } = buildWriteOffLines(receipt, body);
    const money = formatMoney(writeOffMinor, receipt.currency);
    const invoiceId = writeOffInvoiceId(lines);
    const { breaches, limit } = await checkWriteOffLimits(tx, { userId: ctx.actor.id, currency: receipt.currency, receiptId: receipt.id, invoiceId, amountMinor: writeOffMinor });
    if (breaches.length === 0) {
      return applyLockedPlan(tx, ctx, {
        receipt, activeCase, lines, note: body.note, eventType: "cash.written_off", auditAction: "write_off.executed",
        resolution: `Written off ${money} (${body.reasonCode}) within the limits of ${ctx.actor.name}`,
        auditDetails: { writeOffMinor: String(writeOffMinor), reasonCode: body.reasonCode, limits: limitJson(limit) },
      });
    }
    // Above the limit: check the plan fits now (so the approver gets a valid one), then park it on the case.
    await checkPlan(tx, receipt, lines);
    const now = new Date();
    const { version } = await tx.receipt.update({ where: { id: receipt.id }, data: { version: { increment: 1 } }, select: { version: true } });
    const proposal: WriteOffProposal = {
      receiptId: receipt.id, receiptVersion: version, currency: receipt.currency, writeOffMinor: String(writeOffMinor), reasonCode: body.reasonCode,
      lines: linesToJson(lines), note: body.note ?? null, proposedById: ctx.actor.id, proposedByName: ctx.actor.name, proposedAt: now.toISOString(),
    };
    const data = { status: "PENDING_APPROVAL" as const, proposal: proposal as unknown as Prisma.InputJsonValue, proposedById: ctx.actor.id, proposedAt: now };
    const caseRow = activeCase
      ? await tx.exceptionCase.update({ where: { id: activeCase.id }, data: { ...data, version: { increment: 1 } }, select: { id: true, code: true } })
      : await tx.exceptionCase.create({
          data: {
            ...data, code: "WRITE_OFF_APPROVAL", entityId: receipt.entityId, receiptId: receipt.id, amountMinor: receipt.amountMinor, currency: receipt.currency,
            slaDueAt: new Date(now.getTime() + 24 * 3_600_000), reasons: [`write-off of ${money} above the proposer's limits: ${breaches.join("; ")}`], assigneeId: null,
          },
          select: { id: true, code: true },
        });
    if (body.note) await tx.exceptionNote.create({ data: { caseId: caseRow.id, authorId: ctx.actor.id, body: body.note } });
    const correlationId = newCorrelationId();
    await recordEvent(tx, {
      type: "write_off.proposed", receiptId: receipt.id, entityId: receipt.entityId, sourceId: `${receipt.id}:v${version}`, correlationId,
      actorId: ctx.actor.id, exceptionCode: caseRow.code, payload: { amount: money, reasonCode: body.reasonCode, caseId: caseRow.id, over: breaches },
    });
    await audit(ctx, tx, { action: "write_off.proposed", targetType: "ExceptionCase", targetId: caseRow.id, details: { ...proposal, limits: limitJson(limit), over: breaches, correlationId } });
    return actionResult(tx, {
      receiptId: receipt.id, caseId: caseRow.id, outcome: "pending_approval",
      message: `${money} is above your write-off limits (${breaches.join("; ")}): sent for approval by a second person.`,
    });
  });
}

export function assertWriteOffState(receipt: Pick<LockedReceipt, "state">): void {
  if (!WRITE_OFF_STATES.includes(receipt.state)) {
    throw problem(409, `a receipt that is ${receipt.state.toLowerCase().replace("_", " ")} cannot take a write-off: only cash still being worked on can (reverse its applications first)`);
  }
}
