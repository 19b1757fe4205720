// Invoice backfill from a CSV file: all or nothing. Any problem (line, column, what is wrong) and nothing is
// stored; a clean file creates the invoices it does not already have (natural key entity + number) with their
// invoice.issued events. The same file again (same SHA-256) changes nothing.
import { z } from "zod";
import { db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { problem } from "../http/problem.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { sha256Hex, storeSourceDocument } from "../inbound/store-source-document.ts";
import { parseInvoiceCsv, type CsvProblem, type InvoiceCsvRow } from "./parse-invoice-csv.ts";

export const MAX_CSV_BYTES = 10 * 1024 * 1024;

export const importInvoicesResponse = z.object({
  documentId: z.string(), sha256: z.string(), rows: z.number().int(), created: z.number().int(),
  existing: z.number().int().describe("rows whose invoice (entity + number) was already known"),
  alreadyImported: z.boolean().describe("true when this exact file was imported before: nothing changed"),
});
const MAX_LISTED_PROBLEMS = 200;

function rejectFile(problems: CsvProblem[]): never {
  const errors = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({ path: `line ${p.line}${p.column ? `, ${p.column}` : ""}`, line: p.line, column: p.column, message: p.message }));
  const more = problems.length > MAX_LISTED_PROBLEMS ? ` (first ${MAX_LISTED_PROBLEMS} listed)` : "";
  throw problem(422, `${problems.length} problem(s) in the file${more}; nothing was imported`, { errors });
}

/** Checks against the database: known entities, mapped billing customers of the same entity. */
async function resolveRows(rows: InvoiceCsvRow[]) {
  const entities = new Map((await db.legalEntity.findMany({ select: { id: true, code: true } })).map((e) => [e.code, e.id]));
  const ids = [...new Set(rows.map((r) => r.billingCustomerId))];
  const mappings = await db.customerSourceMapping.findMany({ where: { sourceSystem: "billing", sourceCustomerId: { in: ids } }, include: { customer: { select: { id: true, entityId: true } } } });
  const customerOf = new Map(mappings.map((m) => [m.sourceCustomerId, m.customer]));
  const problems: CsvProblem[] = [];
  const resolved = rows.map((r) => {
    const entityId = entities.get(r.entity);
    const customer = customerOf.get(r.billingCustomerId);
    if (!entityId) problems.push({ line: r.line, column: "entity", message: `unknown legal entity "${r.entity}"` });
    if (!customer) problems.push({ line: r.line, column: "customer_id", message: `billing customer "${r.billingCustomerId}" is not mapped to an ERP customer (map it first)` });
    else if (entityId && customer.entityId !== entityId) problems.push({ line: r.line, column: "customer_id", message: `billing customer "${r.billingCustomerId}" belongs to another entity than ${r.entity}` });
    return { ...r, entityId: entityId ?? "", customerId: customer?.id ?? "" };
  });
  return { resolved, problems };
}

export async function importInvoiceCsv(text: string, actor: { id: string; email: string }, opts: { filename?: string | null; requestId?: string } = {}) {
  if (Buffer.byteLength(text) > MAX_CSV_BYTES) throw problem(413, `the file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; split it`);
  const sha256 = sha256Hex(text);
  const prior = await db.sourceDocument.findUnique({ where: { sha256 } });
  if (prior?.kind === "invoice-csv" && prior.status === "PROCESSED") {
    return { documentId: prior.id, sha256, rows: prior.entriesParsed, created: 0, existing: prior.entriesParsed, alreadyImported: true };
  }
  const parsed = parseInvoiceCsv(text);
  if (parsed.problems.length) rejectFile(parsed.problems);
  const { resolved, problems } = await resolveRows(parsed.rows);
  if (problems.length) rejectFile(problems);

  const correlationId = newCorrelationId();
  const startedAt = new Date();
  const result = await db.$transaction(async (tx) => {
    const doc = await storeSourceDocument(tx, { kind: "invoice-csv", sourceSystem: "billing", content: text, contentType: "text/csv", filename: opts.filename ?? null, format: "invoice-csv", uploadedBy: actor.email, correlationId });
    let created = 0;
    for (let i = 0; i < resolved.length; i += 2000) {
      const chunk = resolved.slice(i, i + 2000);
      const inserted = await tx.invoice.createManyAndReturn({
        data: chunk.map((r) => ({
          entityId: r.entityId, customerId: r.customerId, number: r.number, poNumber: r.poNumber, currency: r.currency, amountMinor: r.amountMinor, openAmountMinor: r.amountMinor,
          issueDate: r.issueDate, dueDate: r.dueDate, sourceSystem: "billing", sourceId: `${r.entity}/${r.number}`, documentId: doc.id,
        })),
        skipDuplicates: true,
        select: { id: true, entityId: true, number: true, sourceId: true, amountMinor: true, currency: true, issueDate: true },
      });
      created += inserted.length;
      await tx.workflowEvent.createMany({
        data: inserted.map((inv) => ({
          type: "invoice.issued", sourceSystem: "billing-import", sourceId: inv.sourceId, invoiceId: inv.id, entityId: inv.entityId, correlationId,
          businessKeys: { invoiceNumber: inv.number, fileSha256: sha256 } as Prisma.InputJsonValue,
          payload: { documentId: doc.id, amountMinor: inv.amountMinor.toString(), currency: inv.currency, actor: actor.email } as Prisma.InputJsonValue,
          occurredAt: inv.issueDate, recordedAt: new Date(),
        })),
        skipDuplicates: true,
      });
    }
    await tx.sourceDocument.update({ where: { id: doc.id }, data: { status: "PROCESSED", entriesParsed: resolved.length, entriesStored: created, processedAt: new Date() } });
    const summary = { documentId: doc.id, sha256, rows: resolved.length, created, existing: resolved.length - created, alreadyImported: false };
    await writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "billing.invoices.imported", targetType: "SourceDocument", targetId: doc.id, details: { ...summary, filename: opts.filename ?? null }, requestId: opts.requestId }, tx);
    await tx.connectorRun.create({ data: { connector: "billing.csv", status: "SUCCEEDED", startedAt, finishedAt: new Date(), itemsIn: resolved.length, itemsOut: created, correlationId, details: { documentId: doc.id, filename: opts.filename ?? null } } });
    return summary;
  }, { timeout: 120_000, maxWait: 10_000 });
  return result;
}
