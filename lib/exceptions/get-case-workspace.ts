// Everything the receipt workspace shows for one case (or one receipt: the id may be either, so a payment without
// an open case can still be worked, e.g. to unapply a wrong auto-match): the receipt with its lineage, the case
// with the engine's suggestion and reasons, applications, notes and what Cashline learned about the payer.
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import type { Actor } from "./action-context.ts";
import { writeOffProposalSchema } from "./write-off-proposal.ts";
import type { Workspace } from "./workspace-schema.ts";
import { getResolutionContext } from "./get-resolution-context.ts";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const caseInclude = { assignee: { select: { id: true, name: true } }, notes: { include: { author: { select: { name: true } } }, orderBy: { createdAt: "asc" as const } } };

async function findCase(id: string) {
  const direct = await db.exceptionCase.findUnique({ where: { id }, include: caseInclude });
  if (direct) return { kase: direct, receiptId: direct.receiptId };
  const receipt = await db.receipt.findUnique({ where: { id }, select: { id: true } });
  if (!receipt) return null;
  const kase = (await db.exceptionCase.findFirst({ where: { receiptId: id, status: { notIn: ["RESOLVED", "CANCELLED"] } }, orderBy: { createdAt: "desc" }, include: caseInclude }))
    ?? (await db.exceptionCase.findFirst({ where: { receiptId: id }, orderBy: { createdAt: "desc" }, include: caseInclude }));
  return { kase, receiptId: receipt.id };
}

function suggestionLines(s: unknown, currency: string | null): NonNullable<Workspace["case"]>["suggestion"] {
  const apps = (s as { applications?: unknown } | null)?.applications;
  if (!Array.isArray(apps)) return [];
  return apps.map((a: Record<string, unknown>) => ({
    invoiceId: typeof a.invoiceId === "string" ? a.invoiceId : null,
    invoiceNumber: typeof a.invoiceNumber === "string" ? a.invoiceNumber : null,
    amount: typeof a.amountMinor === "string" && /^\d+$/.test(a.amountMinor) && currency ? fromMinor(BigInt(a.amountMinor), currency) : typeof a.amount === "string" ? a.amount : null,
  }));
}

export async function getCaseWorkspace(id: string, viewer: Actor): Promise<Workspace | null> {
  const found = await findCase(id);
  if (!found) return null;
  const { kase, receiptId } = found;
  const receipt = receiptId ? await db.receipt.findUnique({
    where: { id: receiptId },
    include: {
      entity: { select: { code: true, name: true } }, customer: { select: { id: true, name: true, erpAccountNumber: true } },
      bankAccount: { select: { id: true, name: true, accountNumber: true, bankName: true } },
      document: { select: { id: true, kind: true, filename: true, format: true, sha256: true, receivedAt: true, uploadedBy: true, uploadedById: true } },
      applications: { include: { invoice: { select: { number: true } } }, orderBy: { appliedAt: "asc" } },
    },
  }) : null;
  const [bankLine, otherCases, entity] = await Promise.all([
    receiptId ? db.bankTransaction.findFirst({ where: { receiptId, amountMinor: { gt: 0n } }, include: { statement: { select: { statementRef: true, documentId: true } } } }) : null,
    receiptId ? db.exceptionCase.findMany({ where: { receiptId, id: { not: kase?.id ?? "" } }, orderBy: { createdAt: "desc" } }) : [],
    kase ? db.legalEntity.findUnique({ where: { id: kase.entityId }, select: { code: true } }) : null,
  ]);
  const apps = receipt?.applications ?? [];
  const customerIds = [...new Set([receipt?.customerId, ...apps.map((a) => a.customerId)].filter((x): x is string => !!x))];
  const learned = await db.learnedPayer.findMany({
    where: { OR: [{ customerId: { in: customerIds }, revokedAt: null }, ...(receiptId ? [{ learnedFromReceiptId: receiptId }] : [])] },
    include: { customer: { select: { name: true } } }, orderBy: { createdAt: "desc" }, take: 50,
  });
  const proposal = kase?.proposal ? writeOffProposalSchema.safeParse(kase.proposal) : null;
  const userIds = [...new Set([
    ...apps.flatMap((a) => [a.appliedById, a.reversedById]), kase?.resolvedById, ...learned.flatMap((l) => [l.createdById, l.revokedById]),
    proposal?.success ? proposal.data.proposedById : null,
  ].filter((x): x is string => !!x))];
  const proposalInvoiceIds = proposal?.success ? proposal.data.lines.flatMap((l) => (l.invoiceId ? [l.invoiceId] : [])) : [];
  const [users, customers, proposalInvoices] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
    db.customer.findMany({ where: { id: { in: [...new Set(apps.map((a) => a.customerId).filter((x): x is string => !!x))] } }, select: { id: true, name: true } }),
    proposalInvoiceIds.length ? db.invoice.findMany({ where: { id: { in: proposalInvoiceIds } }, select: { id: true, number: true } }) : [],
  ]);
  const userOf = (uid: string | null | undefined) => (uid ? users.find((u) => u.id === uid) ?? { id: uid, name: uid } : null);
  const cur = receipt?.currency ?? kase?.currency ?? "USD";
  const myLimit = await db.writeOffLimit.findUnique({ where: { userId_currency: { userId: viewer.id, currency: cur } }, select: { perWriteOffMinor: true } });
  const now = new Date();
  const resolution = await getResolutionContext({ receiptId: receiptId ?? null, caseId: kase?.id ?? null, suggestion: kase?.suggestion ?? null, currency: cur });
  // The suggestion never proposes an invoice that is no longer open (paid since the engine decided).
  const stillOpen = new Set((await db.invoice.findMany({ where: { id: { in: suggestionLines(kase?.suggestion, cur).flatMap((l) => (l.invoiceId ? [l.invoiceId] : [])) }, status: { in: ["OPEN", "PARTIALLY_PAID"] } }, select: { id: true } })).map((i) => i.id));
  return {
    case: kase ? {
      id: kase.id, code: kase.code, status: kase.status, priority: kase.priority, entity: entity?.code ?? kase.entityId,
      assignee: kase.assignee, slaDueAt: kase.slaDueAt.toISOString(), overdue: kase.slaDueAt < now && !["RESOLVED", "CANCELLED"].includes(kase.status),
      createdAt: kase.createdAt.toISOString(), reasons: kase.reasons, suggestion: suggestionLines(kase.suggestion, cur).filter((l) => !l.invoiceId || stillOpen.has(l.invoiceId)), suggestionRaw: kase.suggestion ?? null,
      resolution: kase.resolution, resolvedAt: iso(kase.resolvedAt), resolvedBy: userOf(kase.resolvedById),
      proposal: kase.status === "PENDING_APPROVAL" && proposal?.success ? {
        amount: fromMinor(BigInt(proposal.data.writeOffMinor), proposal.data.currency), reasonCode: proposal.data.reasonCode,
        proposedBy: userOf(proposal.data.proposedById), proposedAt: proposal.data.proposedAt, note: proposal.data.note,
        lines: proposal.data.lines.map((l) => ({ kind: l.kind, amount: fromMinor(BigInt(l.amountMinor), proposal.data.currency), invoiceId: l.invoiceId ?? null, invoiceNumber: proposalInvoices.find((i) => i.id === l.invoiceId)?.number ?? null, customerId: l.customerId ?? null, reasonCode: l.reasonCode ?? null })),
      } : null,
      notes: kase.notes.map((n) => ({ id: n.id, author: n.author.name, body: n.body, createdAt: n.createdAt.toISOString() })),
    } : null,
    receipt: receipt ? {
      id: receipt.id, version: receipt.version, state: receipt.state, entity: receipt.entity, currency: receipt.currency,
      amount: fromMinor(receipt.amountMinor, receipt.currency), unapplied: fromMinor(receipt.unappliedMinor, receipt.currency),
      valueDate: receipt.valueDate.toISOString().slice(0, 10), channel: receipt.channel, payerName: receipt.payerName, payerAccount: receipt.payerAccount,
      remittance: receipt.remittance, bankReference: receipt.bankReference, processorReference: receipt.processorReference,
      customer: receipt.customer, bankAccount: receipt.bankAccount,
      lineage: {
        sourceSystem: receipt.sourceSystem, sourceId: receipt.sourceId, naturalKey: receipt.naturalKey, receivedAt: receipt.receivedAt.toISOString(),
        correlationId: receipt.correlationId,
        document: receipt.document ? {
          id: receipt.document.id, kind: receipt.document.kind, filename: receipt.document.filename, format: receipt.document.format,
          sha256: receipt.document.sha256, receivedAt: receipt.document.receivedAt.toISOString(),
        } : null,
        bankLine: bankLine ? {
          id: bankLine.id, bankReference: bankLine.bankReference, valueDate: bankLine.valueDate.toISOString().slice(0, 10), counterpartyName: bankLine.counterpartyName,
          counterpartyAccount: bankLine.counterpartyAccount, remittance: bankLine.remittance, statementRef: bankLine.statement?.statementRef ?? null, documentId: bankLine.statement?.documentId ?? null,
        } : null,
      },
      matchDecision: receipt.matchDecision ?? null, ruleVersion: receipt.ruleVersion,
      manualUpload: receipt.document?.uploadedById ? { uploadedBy: receipt.document.uploadedBy, byYou: receipt.document.uploadedById === viewer.id } : null,
      accountingNote: receipt.accountingNote,
    } : null,
    applications: apps.map((a) => ({
      id: a.id, kind: a.kind, amount: fromMinor(a.amountMinor, a.currency), currency: a.currency, invoiceId: a.invoiceId, invoiceNumber: a.invoice?.number ?? null,
      customerId: a.customerId, customerName: customers.find((c) => c.id === a.customerId)?.name ?? null, reasonCode: a.reasonCode,
      appliedByType: a.appliedByType, appliedBy: a.appliedByType === "user" ? userOf(a.appliedById)?.name ?? null : a.ruleVersion ?? a.appliedByType,
      appliedAt: a.appliedAt.toISOString(), reversedAt: iso(a.reversedAt), reversedBy: userOf(a.reversedById)?.name ?? null, reversalReason: a.reversalReason,
      fx: a.fxInvoiceCurrency && a.fxInvoiceAmountMinor !== null && a.fxRate && a.fxRateDate
        ? { invoiceAmount: fromMinor(a.fxInvoiceAmountMinor, a.fxInvoiceCurrency), invoiceCurrency: a.fxInvoiceCurrency, rate: a.fxRate, rateDate: a.fxRateDate.toISOString().slice(0, 10) }
        : null,
    })),
    otherCases: otherCases.map((c) => ({ id: c.id, code: c.code, status: c.status, createdAt: c.createdAt.toISOString(), resolution: c.resolution })),
    learnedPayers: learned.map((l) => ({
      id: l.id, customerId: l.customerId, customerName: l.customer.name, payerName: l.payerName, payerAccount: l.payerAccount,
      learnedFromReceiptId: l.learnedFromReceiptId, createdBy: userOf(l.createdById)?.name ?? null, createdAt: l.createdAt.toISOString(),
      revokedAt: iso(l.revokedAt), revokedBy: userOf(l.revokedById)?.name ?? null, activatedAt: iso(l.activatedAt),
    })),
    // The viewer's single write-off limit in THIS currency (none = 0: everything needs approval). Day, receipt and
    // invoice totals are checked by the server (write-off-limits.ts).
    viewer: { id: viewer.id, writeOffLimit: fromMinor(myLimit?.perWriteOffMinor ?? 0n, cur) },
    resolution,
  };
}
