// The deduction queue: newest first by default filter OPEN, with customer, invoice, age and evidence.
import type { z } from "zod";
import { db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { fromMinor } from "../money/money.ts";
import type { deductionRow, listDeductionsQuery } from "./deduction-schemas.ts";

type Row = z.infer<typeof deductionRow>;

export async function listDeductions(q: z.infer<typeof listDeductionsQuery>): Promise<{ items: Row[] }> {
  const where: Prisma.DeductionWhereInput = {
    ...(q.status !== "ALL" ? { status: q.status } : {}), ...(q.reason ? { reason: q.reason } : {}),
    ...(q.customerId ? { customerId: q.customerId } : {}), ...(q.receiptId ? { receiptId: q.receiptId } : {}),
  };
  const rows = await db.deduction.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: q.limit, include: { evidence: { orderBy: { createdAt: "asc" } } } });
  return { items: await toRows(rows) };
}

export async function toRows(rows: (Prisma.DeductionGetPayload<{ include: { evidence: true } }>)[]): Promise<Row[]> {
  const customers = new Map((await db.customer.findMany({ where: { id: { in: rows.flatMap((r) => (r.customerId ? [r.customerId] : [])) } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]));
  const invoices = new Map((await db.invoice.findMany({ where: { id: { in: rows.flatMap((r) => (r.invoiceId ? [r.invoiceId] : [])) } }, select: { id: true, number: true } })).map((i) => [i.id, i.number]));
  const now = Date.now();
  return rows.map((r) => {
    const p = r.proposal as { outcome: string; validMinor: string; note: string } | null;
    return {
      id: r.id, status: r.status, reason: r.reason, externalCode: r.externalCode, text: r.text,
      amount: fromMinor(r.amountMinor, r.currency), currency: r.currency, valid: fromMinor(r.validMinor, r.currency), invalid: fromMinor(r.invalidMinor, r.currency), writtenOff: fromMinor(r.writtenOffMinor, r.currency),
      customerId: r.customerId, customerName: r.customerId ? customers.get(r.customerId) ?? null : null, invoiceId: r.invoiceId, invoiceNumber: r.invoiceId ? invoices.get(r.invoiceId) ?? null : null,
      receiptId: r.receiptId, ownerTeam: r.ownerTeam, dueDate: r.dueDate.toISOString().slice(0, 10), ageDays: Math.floor((now - r.createdAt.getTime()) / 86_400_000), createdAt: r.createdAt.toISOString(),
      pendingApproval: p && r.status === "OPEN" ? { outcome: p.outcome, validAmount: fromMinor(BigInt(p.validMinor), r.currency), proposedById: r.proposedById ?? "", note: p.note } : null,
      evidence: r.evidence.map((e) => ({ kind: e.kind, note: e.note, documentId: e.documentId, createdAt: e.createdAt.toISOString() })),
    };
  });
}
