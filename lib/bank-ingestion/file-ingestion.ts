// Turns one file's parse events into rows, inside the file's transaction. Lines are collected into batches; a
// full batch is prepared (its COPY text) and written while the parser goes on with the next one (at most one write
// in flight, in order, on the transaction's single connection), so parsing and PostgreSQL work overlap without
// unbounded buffering. The new receipts' cash-application jobs go in once, at the end, in the same transaction.
import type { Prisma } from "../db/generated/client.ts";
import type { TransactionConnection } from "../db/transaction-connection.ts";
import type { Entry, StatementEvent, StatementFormatName, StatementHead, StatementSummary } from "../bankfiles/index.ts";
import { newId } from "../db/new-id.ts";
import { getPgPool } from "../db/pg-pool.ts";
import { toMinor } from "../money/money.ts";
import { checkStatementContinuity, type CheckedStatement } from "./check-statement-continuity.ts";
import { classifyEntry } from "./classify-entry.ts";
import { QuarantineError } from "./errors.ts";
import type { AccountMatcher } from "./match-account.ts";
import { IngestTiming } from "./ingest-timing.ts";
import { StatementLineKeys } from "./natural-key.ts";
import type { ProgressWriter } from "./progress-writer.ts";
import { afterReceiptsCreated } from "../receipts/after-receipts-created.ts";
import { recordReturnsAndNotices } from "./record-returns.ts";
import { finishStatements, insertStatement } from "./statement-rows.ts";
import { lookUpStoredKeys, prepareLineBatch, storeLineBatch, type LineRow } from "./store-line-batch.ts";

export type IngestAccount = { id: string; entityId: string; currency: string; accountNumber: string; iban: string | null; name: string };

type OpenStatement = {
  id: string; ref: string; account: IngestAccount; currency: string; keys: StatementLineKeys | null; fallbackDate: string;
  entries: number; newEntries: number; summary: StatementSummary | null; warnings: string[];
};

export type IngestionSummary = {
  format: string; statements: number; entries: number; newEntries: number; receipts: number; cases: number;
  /** Milliseconds by statement kind, only with CASHLINE_INGEST_TIMING=1. */
  timing?: Record<string, string>;
};

/** One write at a time, in submission order; a failed write surfaces at the next submit or at drain. */
class SerialWriter {
  private inFlight: Promise<void> | null = null;

  async submit(task: () => Promise<void>): Promise<void> {
    if (this.inFlight) await this.inFlight;
    const p = task();
    p.catch(() => {}); // observed at the next submit/drain
    this.inFlight = p;
  }

  async drain(): Promise<void> {
    const p = this.inFlight;
    this.inFlight = null;
    if (p) await p;
  }
}

export class FileIngestion {
  private readonly statements = new Map<number, OpenStatement>();
  private readonly byId = new Map<string, OpenStatement>();
  private readonly refs = new Set<string>();
  /** Per bank account: settles once this file's transaction holds the account's advisory lock. */
  private readonly accountLocks = new Map<string, Promise<void>>();
  /** Line keys this file stored so far (its own rows are invisible to the lookups on another connection). */
  private readonly fileKeys = new Set<string>();
  private readonly writer = new SerialWriter();
  private readonly timing = new IngestTiming();
  private batch: LineRow[] = [];
  /** Batches grow 500, 1000, 2000, … up to batchSize: PostgreSQL gets its first rows after 500 entries, not 5,000. */
  private batchLimit = 500;
  private format = "";
  private parsed = 0;
  private stored = 0;
  private newEntries = 0;
  private receipts = 0;
  /** The file's new receipts: their cash-application jobs go in at the end, in one insert (same transaction). */
  private readonly receiptIds: string[] = [];
  private cases = 0;
  /** Lenient-reader warnings about the whole file: stored on each of its statements. */
  private readonly fileWarnings: string[] = [];

  constructor(
    private readonly tx: Prisma.TransactionClient,
    /** The same transaction's own connection, for the line batches (see store-line-batch.ts). */
    private readonly conn: TransactionConnection,
    private readonly o: {
      documentId: string; filename: string; correlationId: string; family: StatementFormatName; accounts: AccountMatcher<IngestAccount>;
      batchSize: number; progress: ProgressWriter; today: string;
    },
  ) {}

  async handle(ev: StatementEvent): Promise<void> {
    switch (ev.type) {
      case "statement_start": return this.start(ev.index, ev.head);
      case "entry": return this.entry(ev.index, ev.entry, ev.currency);
      case "statement_end": {
        const st = this.statements.get(ev.index)!;
        st.summary = ev.statement;
        st.keys = null; // its lines are all in: the occurrence counts can go
        return;
      }
      case "warning":
        if (ev.index === null) this.fileWarnings.push(ev.message);
        else this.statements.get(ev.index)?.warnings.push(ev.message);
        return;
      case "end":
        this.format = ev.format;
    }
  }

  private async start(index: number, head: StatementHead): Promise<void> {
    const label = `statement ${index + 1}${head.id ? ` (${head.id})` : ""}`;
    const account = this.o.accounts.find(head.account);
    if (!account) {
      throw new QuarantineError(`${label}: no bank account matches the statement's account "${head.account ?? "(none given)"}"; add it as a bank account (account number or IBAN) or check the file`);
    }
    const currency = head.currency ?? account.currency;
    if (currency !== account.currency) {
      throw new QuarantineError(`${label} is in ${currency}, but bank account ${account.name} (${account.iban ?? account.accountNumber}) holds ${account.currency}`);
    }
    let ref = head.id ?? `#${index + 1}`;
    if (this.refs.has(ref)) ref = `${ref} (${index + 1})`;
    this.refs.add(ref);
    const opening = head.opening_balance;
    const st: OpenStatement = {
      id: newId(), ref, account, currency, keys: new StatementLineKeys(account.id), fallbackDate: opening?.date ?? this.o.today,
      entries: 0, newEntries: 0, summary: null, warnings: [],
    };
    this.statements.set(index, st);
    this.byId.set(st.id, st);
    const openingMinor = opening ? this.minor(opening.amount, currency, `${label}: opening balance`) : null;
    const firstForAccount = !this.accountLocks.has(account.id);
    const lock = firstForAccount ? settleable() : null;
    if (lock) this.accountLocks.set(account.id, lock.promise);
    await this.writer.submit(async () => {
      // One file per bank account at a time: continuity then sees the account's statements in a definite order,
      // two overlapping files never wait on each other's lines row by row, and the lookups of what is already
      // stored (line-batch-copy.ts) cannot miss a line another file is about to commit.
      if (lock) {
        await this.tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`bank-account:${account.id}`}))`.then(lock.resolve, (err: unknown) => {
          lock.reject(err);
          throw err;
        });
      }
      await insertStatement(this.tx, {
        id: st.id, bankAccountId: account.id, documentId: this.o.documentId, statementRef: ref, format: this.o.family, sequence: index,
        openingBalanceMinor: openingMinor, openingDate: opening?.date ?? null,
      });
    });
  }

  private async entry(index: number, e: Entry, writtenCurrency: string | null): Promise<void> {
    const st = this.statements.get(index)!;
    this.parsed++;
    st.entries++;
    // An amount the file writes in another currency than the account's cannot be booked to it (read as the account's
    // currency, JPY 1000 became a USD 1,000.00 receipt): the whole file waits for a person.
    if (writtenCurrency && writtenCurrency.toUpperCase() !== st.currency) {
      throw new QuarantineError(`statement ${st.ref}, entry ${st.entries}: amount ${e.amount} ${writtenCurrency} is in another currency than the account `
        + `${st.account.name} (${st.currency}); an entry in a foreign currency cannot be booked`);
    }
    const amountMinor = this.minor(e.amount, st.currency, `statement ${st.ref}, line ${st.entries}`);
    const valueDate = e.value_date ?? e.booking_date ?? st.fallbackDate;
    const cls = classifyEntry(this.o.family, { type: e.type, remittance: e.remittance, amountMinor }, st.currency);
    const naturalKey = st.keys!.keyFor({
      amountMinor, valueDate, bankReference: e.bank_reference, counterpartyName: e.counterparty_name, counterpartyAccount: e.counterparty_account, remittance: e.remittance,
    });
    this.batch.push({
      id: newId(), statementId: st.id, bankAccountId: st.account.id, entityId: st.account.entityId, currency: st.currency, naturalKey, amountMinor,
      valueDate, bookingDate: e.booking_date, type: e.type, bankReference: e.bank_reference, customerReference: e.customer_reference,
      counterpartyName: e.counterparty_name, counterpartyAccount: e.counterparty_account, remittance: e.remittance,
      kind: cls.kind, channel: cls.channel, reasonCode: cls.reasonCode, receiptId: cls.kind === "payment" && amountMinor > 0n ? newId() : null,
    });
    this.o.progress.report({ entriesParsed: this.parsed });
    if (this.batch.length >= Math.min(this.batchLimit, this.o.batchSize)) await this.flush();
  }

  private async flush(): Promise<void> {
    const rows = this.batch;
    if (rows.length === 0) return;
    this.batch = [];
    this.batchLimit = Math.min(this.batchLimit * 2, this.o.batchSize);
    const ctx = { documentId: this.o.documentId, correlationId: this.o.correlationId, timing: this.timing };
    // While the previous batch is still being written: the COPY text, and (once the accounts are locked) the
    // lookup of what is already stored, on another connection.
    const prepared = prepareLineBatch(rows, ctx);
    const locked = Promise.all([...new Set(rows.map((r) => r.bankAccountId))].map((id) => this.accountLocks.get(id)!));
    const lookup = locked.then(() => lookUpStoredKeys(getPgPool(), prepared));
    lookup.catch(() => {}); // observed by the write below (or the transaction already failed)
    await this.timing.time("parser waiting for writes", () => this.writer.submit(async () => {
      const { newLines, receiptIds } = await storeLineBatch(this.tx, this.conn, prepared, lookup, this.fileKeys, ctx);
      for (const l of newLines) this.byId.get(l.statementId)!.newEntries++;
      const special = newLines.filter((l) => l.kind !== "payment");
      if (special.length > 0) this.cases += await this.timing.time("returns", () => recordReturnsAndNotices(this.tx, special, ctx));
      this.stored += rows.length;
      this.newEntries += newLines.length;
      this.receipts += receiptIds.length;
      this.receiptIds.push(...receiptIds);
      this.o.progress.report({ entriesStored: this.stored });
    }));
  }

  /** The file failed: let the write in flight finish (or fail) before the transaction rolls back. */
  async abandon(): Promise<void> {
    await this.writer.drain().catch(() => {});
  }

  /** After the parser's `end`: last batch, statement totals and checks, continuity. */
  async finish(): Promise<IngestionSummary> {
    await this.flush();
    await this.timing.time("parser waiting for writes", () => this.writer.drain());
    const checked: CheckedStatement[] = [...this.statements.values()].map((st) => {
      const s = st.summary!;
      const minor = (amount: string | undefined, what: string) => (amount === undefined ? null : this.minor(amount, st.currency, `statement ${st.ref}: ${what}`));
      return {
        id: st.id, ref: st.ref, bankAccountId: st.account.id, entityId: st.account.entityId, currency: st.currency, format: this.format,
        openingBalanceMinor: minor(s.opening_balance?.amount, "opening balance"), openingDate: s.opening_balance?.date ?? null,
        closingBalanceMinor: minor(s.closing_balance?.amount, "closing balance"), closingDate: s.closing_balance?.date ?? null,
        balanceCheck: s.checks.balance, balanceDifferenceMinor: minor(s.checks.balance_difference, "balance difference"),
        controlTotals: s.checks.control_totals, entryCount: s.entry_count, newEntryCount: st.newEntries,
        warnings: [...new Set([...st.warnings, ...this.fileWarnings])],
      };
    });
    if (this.receiptIds.length > 0) await this.timing.time("enqueue", () => afterReceiptsCreated(this.tx, this.receiptIds, this.o.correlationId));
    await this.timing.time("statements", () => finishStatements(this.tx, checked));
    this.cases += await this.timing.time("continuity", () =>
      checkStatementContinuity(this.tx, checked, { documentId: this.o.documentId, correlationId: this.o.correlationId, filename: this.o.filename }));
    const timing = this.timing.summary();
    return {
      format: this.format, statements: checked.length, entries: this.parsed, newEntries: this.newEntries, receipts: this.receipts, cases: this.cases,
      ...(timing ? { timing } : {}),
    };
  }

  private minor(amount: string, currency: string, where: string): bigint {
    try {
      return toMinor(amount, currency);
    } catch (err) {
      throw new QuarantineError(`${where}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** A promise with its resolve/reject at hand; a rejection nobody awaits is not reported as unhandled. */
function settleable(): { promise: Promise<void>; resolve: () => void; reject: (err: unknown) => void } {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  promise.catch(() => {});
  return { promise, resolve, reject };
}
