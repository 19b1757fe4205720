// Reads one entity and currency's forecast facts from the database: every non-void invoice with its applications
// (cash dated by the receipt's value date), the holds on it (chargeback disputes and open exception cases of the
// receipts applied to it; deductions come from the applications), and the entity's processor payouts.
// VOID invoices are left out at every date (no void date is stored).
import { db } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { dayOf } from "./days.ts";
import type { ApplicationFact, ForecastFacts, HoldFact, InvoiceFact, PayoutFact } from "./facts.ts";

type InvoiceRow = { id: string; customerId: string; customerName: string; dueDate: Date; amountMinor: bigint; openAmountMinor: bigint; receivedAt: Date };
type AppRow = { invoiceId: string; kind: ApplicationFact["kind"]; amountMinor: bigint; appliedAt: Date; reversedAt: Date | null; valueDate: Date };
type HoldRow = { invoiceId: string; kind: "dispute" | "exception"; fromAt: Date; toAt: Date | null };
type PayoutRow = { payoutId: string; amountMinor: bigint; arrivalDate: Date; createdAt: Date; status: string; recognizedAt: Date | null; recognizedValueDate: Date | null; statusEventAt: Date };

/** The entity (by code; default the first by code) and currency (default its functional currency) asked for. */
export async function resolveForecastScope(q: { entity?: string; currency?: string }): Promise<{ entityId: string; entity: string; currency: string }> {
  const e = q.entity
    ? await db.legalEntity.findUnique({ where: { code: q.entity }, select: { id: true, code: true, functionalCurrency: true } })
    : await db.legalEntity.findFirst({ orderBy: { code: "asc" }, select: { id: true, code: true, functionalCurrency: true } });
  if (!e) throw problem(404, q.entity ? `query.entity: no legal entity with code ${q.entity}` : "no legal entity is set up yet");
  return { entityId: e.id, entity: e.code, currency: q.currency ?? e.functionalCurrency };
}

export async function loadForecastFacts(entityId: string, currency: string): Promise<ForecastFacts> {
  const [invoices, apps, holds, payouts] = await Promise.all([
    db.$queryRaw<InvoiceRow[]>`
      select i.id, i."customerId", c.name as "customerName", i."dueDate", i."amountMinor", i."openAmountMinor", i."receivedAt"
      from "Invoice" i join "Customer" c on c.id = i."customerId"
      where i."entityId" = ${entityId} and i.currency = ${currency} and i.status <> 'VOID'`,
    db.$queryRaw<AppRow[]>`
      select a."invoiceId", a.kind::text as kind, a."amountMinor", a."appliedAt", a."reversedAt", r."valueDate"
      from "Application" a join "Invoice" i on i.id = a."invoiceId" join "Receipt" r on r.id = a."receiptId"
      where i."entityId" = ${entityId} and i.currency = ${currency} and i.status <> 'VOID'`,
    // A case or dispute on a receipt touches every invoice that receipt was ever applied to (a chargeback's
    // application is reversed, yet its invoice is the one in dispute).
    db.$queryRaw<HoldRow[]>`
      select distinct a."invoiceId", case when c.code = 'CHARGEBACK' then 'dispute' else 'exception' end as kind,
             c."createdAt" as "fromAt",
             case when c.status in ('RESOLVED', 'CANCELLED') then coalesce(c."resolvedAt", c."updatedAt") end as "toAt"
      from "ExceptionCase" c join "Application" a on a."receiptId" = c."receiptId" join "Invoice" i on i.id = a."invoiceId"
      where i."entityId" = ${entityId} and i.currency = ${currency} and a."invoiceId" is not null
      union all
      select distinct a."invoiceId", 'dispute', d."createdAt", case when d.status in ('WON', 'LOST') then coalesce(d."decidedAt", d."updatedAt") end
      from "ChargebackDispute" d join "Application" a on a."receiptId" = d."receiptId" join "Invoice" i on i.id = a."invoiceId"
      where i."entityId" = ${entityId} and i.currency = ${currency} and a."invoiceId" is not null`,
    db.$queryRaw<PayoutRow[]>`
      select "payoutId", "amountMinor", "arrivalDate", "createdAt", status, "recognizedAt", "recognizedValueDate", "statusEventAt"
      from "Payout" where "entityId" = ${entityId} and currency = ${currency}`,
  ]);

  const byId = new Map<string, InvoiceFact>();
  for (const r of invoices) {
    byId.set(r.id, {
      id: r.id, customerId: r.customerId, customerName: r.customerName, dueDay: dayOf(r.dueDate), amountMinor: r.amountMinor,
      knownMs: r.receivedAt.getTime(), settledOutsideMinor: r.amountMinor - r.openAmountMinor, applications: [], holds: [],
    });
  }
  for (const a of apps) {
    const inv = byId.get(a.invoiceId);
    if (!inv) continue;
    inv.applications.push({ kind: a.kind, amountMinor: a.amountMinor, appliedMs: a.appliedAt.getTime(), reversedMs: a.reversedAt?.getTime() ?? null, cashDay: dayOf(a.valueDate) });
    // What the applications do not explain was settled outside Cashline (see facts.ts).
    if (a.reversedAt === null && a.kind !== "ON_ACCOUNT") inv.settledOutsideMinor -= a.amountMinor;
  }
  for (const inv of byId.values()) if (inv.settledOutsideMinor < 0n) inv.settledOutsideMinor = 0n;
  for (const h of holds) byId.get(h.invoiceId)?.holds.push({ kind: h.kind, fromMs: h.fromAt.getTime(), toMs: h.toAt?.getTime() ?? null } satisfies HoldFact);

  const payoutFacts: PayoutFact[] = payouts.map((p) => {
    const paid = p.status === "paid";
    return {
      payoutId: p.payoutId, amountMinor: p.amountMinor, arrivalDay: dayOf(p.arrivalDate), createdMs: p.createdAt.getTime(),
      recognizedMs: p.recognizedAt?.getTime() ?? (paid ? p.statusEventAt.getTime() : null),
      recognizedDay: p.recognizedValueDate ? dayOf(p.recognizedValueDate) : paid ? dayOf(p.arrivalDate) : null,
      lost: p.status === "failed" || p.status === "canceled",
    };
  });
  return { invoices: [...byId.values()], payouts: payoutFacts };
}
