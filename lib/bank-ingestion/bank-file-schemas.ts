// The bank-file read models as the API and the Bank files page see them (decimal strings for money).
import { z } from "zod";
import { pageQuery } from "../http/pagination.ts";

export const DOCUMENT_STATUSES = ["RECEIVED", "PROCESSING", "PROCESSED", "QUARANTINED"] as const;

export const bankFileRow = z.object({
  id: z.string(),
  filename: z.string().nullable(),
  sha256: z.string(),
  format: z.string().nullable(),
  status: z.enum(DOCUMENT_STATUSES),
  error: z.string().nullable().describe("why the file was quarantined: file, line or XML element, problem"),
  byteSize: z.number().int(),
  bytesParsed: z.number().int(),
  entriesParsed: z.number().int(),
  entriesStored: z.number().int(),
  statements: z.number().int(),
  uploadedBy: z.string().nullable(),
  manualUpload: z.boolean().describe("uploaded by a person (not an API key or the drop folder): they may not apply its receipts"),
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
});

export const listBankFilesQuery = pageQuery.extend({ status: z.enum(DOCUMENT_STATUSES).optional() });
export const listBankFilesResponse = z.object({
  total: z.number().int(),
  active: z.number().int().describe("files RECEIVED or PROCESSING right now"),
  items: z.array(bankFileRow),
});

const balance = z.object({ amount: z.string(), date: z.string().nullable() }).nullable();

export const bankFileStatement = z.object({
  id: z.string(),
  ref: z.string(),
  format: z.string(),
  account: z.object({ id: z.string(), name: z.string(), number: z.string(), currency: z.string() }),
  opening: balance,
  closing: balance,
  balanceCheck: z.string().describe("ok, mismatch or not_applicable: closing = opening + lines"),
  balanceDifference: z.string().nullable(),
  controlTotals: z.string().describe("ok, mismatch or not_applicable: the file's own control totals"),
  entryCount: z.number().int(),
  newEntryCount: z.number().int().describe("lines stored for the first time; the rest were already known from an overlapping statement"),
  warnings: z.array(z.string()).describe("quirks of the file the lenient reader accepted (blank trailer total, decimal comma, …), each with its line or XML path"),
});

export const bankFileException = z.object({
  id: z.string(), code: z.string(), status: z.string(), priority: z.string(), amount: z.string().nullable(), currency: z.string().nullable(),
  receiptId: z.string().nullable(), reasons: z.array(z.string()), createdAt: z.string(),
});

export const bankFileDetail = bankFileRow.extend({
  contentType: z.string().nullable(),
  statementDetails: z.array(bankFileStatement),
  counts: z.object({ lines: z.number().int(), newLines: z.number().int(), receipts: z.number().int(), returned: z.number().int() }),
  exceptions: z.array(bankFileException),
});

export const bankFileParams = z.object({ id: z.string().min(1).max(64) });
