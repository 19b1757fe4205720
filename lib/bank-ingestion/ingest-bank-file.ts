// Parses a stored bank file and writes what it says — statements, lines, receipts, returns, continuity cases —
// in ONE transaction: a file that fails at line 90,000 leaves nothing behind but its quarantined SourceDocument.
// The raw file streams out of the database in slices and rows go in in batches, so a 100,000-line file runs in
// constant memory; progress is written through another connection for the UI to follow while the transaction
// is open. Idempotent: a document already PROCESSED or QUARANTINED is left alone, and two workers handed the same
// document queue on an advisory lock (the second then finds it done).
import { detectFormat, parseStatementStream, StatementParseError, type StatementFormatName } from "../bankfiles/index.ts";
import { ParseThread, type ParseThreadLimits } from "../bankfiles/parse-thread.ts";
import { env } from "../env.ts";
import { db } from "../db/client.ts";
import { transactionWithConnection } from "../db/transaction-connection.ts";
import { logger } from "../log/logger.ts";
import { NotUtf8Error, QuarantineError } from "./errors.ts";
import { FileIngestion, type IngestionSummary } from "./file-ingestion.ts";
import { AccountMatcher } from "./match-account.ts";
import { ProgressWriter } from "./progress-writer.ts";
import { decodeText, inPieces, readDocumentBytes } from "./read-document-content.ts";

export type IngestOptions = {
  correlationId: string;
  batchSize?: number;
  /** The last attempt: an unexpected failure quarantines the file instead of being retried. */
  finalAttempt?: boolean;
  /** The parser thread's limits; BANK_PARSE_TIME_LIMIT_MS and BANK_PARSE_MEMORY_MB by default. */
  parseLimits?: ParseThreadLimits;
};

export type IngestResult =
  | { status: "PROCESSED"; documentId: string; summary: IngestionSummary }
  | { status: "QUARANTINED"; documentId: string; error: string }
  | { status: "ALREADY_DONE"; documentId: string; documentStatus: string }
  | { status: "MISSING"; documentId: string };

const TRANSACTION_TIMEOUT_MS = 30 * 60_000;

export async function ingestBankFile(documentId: string, opts: IngestOptions): Promise<IngestResult> {
  const doc = await db.sourceDocument.findUnique({ where: { id: documentId }, select: { status: true, filename: true, byteSize: true } });
  if (!doc) return { status: "MISSING", documentId };
  if (doc.status === "PROCESSED" || doc.status === "QUARANTINED") return { status: "ALREADY_DONE", documentId, documentStatus: doc.status };
  const filename = doc.filename ?? `document ${documentId}`;
  await db.sourceDocument.updateMany({
    where: { id: documentId, status: { in: ["RECEIVED", "PROCESSING"] } },
    data: { status: "PROCESSING", entriesParsed: 0, entriesStored: 0, bytesParsed: 0, error: null },
  });
  const log = logger.child({ documentId, cid: opts.correlationId });
  const started = Date.now();
  let progress = new ProgressWriter(documentId);
  try {
    let result: IngestResult;
    try {
      result = await runInTransaction(documentId, filename, doc.byteSize, "utf-8", progress, opts);
    } catch (err) {
      if (!(err instanceof NotUtf8Error)) throw err;
      log.info("bank_file.reading_as_latin1");
      progress = new ProgressWriter(documentId);
      result = await runInTransaction(documentId, filename, doc.byteSize, "latin1", progress, opts);
    }
    if (result.status === "PROCESSED") log.info("bank_file.processed", { ...result.summary, ms: Date.now() - started });
    return result;
  } catch (err) {
    const quarantine = err instanceof StatementParseError || err instanceof QuarantineError || opts.finalAttempt;
    if (!quarantine) throw err;
    const error = describeFailure(err, filename, !!opts.finalAttempt);
    // Where it stopped stays visible (entries parsed); nothing it stored survived the rollback.
    await db.sourceDocument.update({
      where: { id: documentId },
      data: { status: "QUARANTINED", error, entriesParsed: progress.snapshot.entriesParsed, entriesStored: 0, processedAt: new Date() },
      select: { id: true }, // never read the raw content back
    });
    log.warn("bank_file.quarantined", { error });
    return { status: "QUARANTINED", documentId, error };
  }
}

function describeFailure(err: unknown, filename: string, gaveUp: boolean): string {
  if (err instanceof StatementParseError) return err.withFile(filename).message;
  const message = err instanceof Error ? err.message : String(err);
  return err instanceof QuarantineError || !gaveUp ? `${filename}: ${message}` : `${filename}: gave up after repeated failures: ${message}`;
}

async function runInTransaction(
  documentId: string, filename: string, byteSize: number, encoding: "utf-8" | "latin1", progress: ProgressWriter, opts: IngestOptions,
): Promise<IngestResult> {
  try {
    return await transactionWithConnection(async (tx, conn) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`bank-file:${documentId}`}))`;
      const now = await tx.sourceDocument.findUniqueOrThrow({ where: { id: documentId }, select: { status: true } });
      if (now.status === "PROCESSED" || now.status === "QUARANTINED") return { status: "ALREADY_DONE" as const, documentId, documentStatus: now.status };
      const accounts = new AccountMatcher(await tx.bankAccount.findMany({ select: { id: true, entityId: true, currency: true, accountNumber: true, iban: true, name: true } }));
      const text = inPieces(decodeText(readDocumentBytes(documentId, byteSize, (bytesParsed) => progress.report({ bytesParsed })), encoding));
      const { family, source } = await peekFamily(text);
      const ingestion = new FileIngestion(tx, conn, {
        documentId, filename, correlationId: opts.correlationId, family, accounts, batchSize: opts.batchSize ?? 5000, progress,
        today: new Date().toISOString().slice(0, 10),
      });
      // The parser runs on a worker thread, bounded in time and memory (bankfiles/parse-thread.ts): a hostile file
      // is stopped and quarantined instead of blocking this process inside the transaction.
      const parser = new ParseThread(family, opts.parseLimits ?? { timeLimitMs: env().BANK_PARSE_TIME_LIMIT_MS, memoryMb: env().BANK_PARSE_MEMORY_MB });
      try {
        for await (const event of parser.events(source)) await ingestion.handle(event);
      } catch (err) {
        await ingestion.abandon();
        throw err;
      } finally {
        await parser.close();
      }
      const summary = await ingestion.finish();
      await progress.settle();
      await tx.sourceDocument.update({
        where: { id: documentId },
        data: { status: "PROCESSED", format: summary.format, entriesParsed: summary.entries, entriesStored: summary.entries, bytesParsed: byteSize, processedAt: new Date(), error: null },
        select: { id: true }, // an update returns the row: not the raw content
      });
      return { status: "PROCESSED" as const, documentId, summary };
    }, { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000 });
  } finally {
    await progress.settle();
  }
}

/** The format family from the first text chunk (line classification depends on it); the stream goes on unchanged. */
async function peekFamily(text: AsyncGenerator<string>): Promise<{ family: StatementFormatName; source: AsyncIterable<string> }> {
  const first = await text.next();
  const head = first.done ? "" : first.value;
  async function* source() {
    if (head) yield head;
    yield* text;
  }
  const family = detectFormat(head);
  // Not a statement format: the parser says so in its own words (file, line 1, what it expected).
  if (!family) await parseStatementStream(source()).next();
  return { family: family!, source: source() };
}
