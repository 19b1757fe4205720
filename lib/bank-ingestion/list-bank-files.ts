// Bank files, newest first, with status and progress (the Bank files page polls this while one is PROCESSING).
import type { z } from "zod";
import { db, Prisma } from "../db/client.ts";
import type { listBankFilesQuery } from "./bank-file-schemas.ts";

export const bankFileSelect = {
  id: true, filename: true, sha256: true, format: true, status: true, error: true, byteSize: true, bytesParsed: true, entriesParsed: true,
  entriesStored: true, uploadedBy: true, uploadedById: true, receivedAt: true, processedAt: true, contentType: true, _count: { select: { statements: true } },
} satisfies Prisma.SourceDocumentSelect;

export function toBankFileRow(d: Prisma.SourceDocumentGetPayload<{ select: typeof bankFileSelect }>) {
  return {
    id: d.id, filename: d.filename, sha256: d.sha256, format: d.format, status: d.status, error: d.error, byteSize: d.byteSize,
    bytesParsed: d.bytesParsed, entriesParsed: d.entriesParsed, entriesStored: d.entriesStored, statements: d._count.statements,
    uploadedBy: d.uploadedBy, manualUpload: d.uploadedById !== null, receivedAt: d.receivedAt.toISOString(), processedAt: d.processedAt?.toISOString() ?? null,
  };
}

export async function listBankFiles(q: z.infer<typeof listBankFilesQuery>) {
  const where: Prisma.SourceDocumentWhereInput = { kind: "bank_statement", status: q.status };
  const [total, active, rows] = await Promise.all([
    db.sourceDocument.count({ where }),
    db.sourceDocument.count({ where: { kind: "bank_statement", status: { in: ["RECEIVED", "PROCESSING"] } } }),
    db.sourceDocument.findMany({ where, select: bankFileSelect, orderBy: [{ receivedAt: "desc" }, { id: "desc" }], take: q.limit, skip: q.offset }),
  ]);
  return { total, active, items: rows.map(toBankFileRow) };
}
