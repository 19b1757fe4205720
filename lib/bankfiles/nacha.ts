// NACHA ACH files: 1 file header, 5 batch header, 6 entry, 7 addenda, 8 batch control, 9 file control.
// Each batch is a statement and each entry an entry. Structure and the fields we interpret are
// validated (fatal); totals, hashes and counts are compared with the controls (reported, not fatal).
import { parseYYMMDD } from "./dates.ts";
import { StatementParseError } from "./errors.ts";
import type { ChunkParser, LineConsumer } from "./lines.ts";
import { LIMITS } from "./limits.ts";
import {
  ADDENDA_TYPES, batchControlLayout, entryLayout, fileControlLayout, field, RECORD_LENGTH, SERVICE_CLASSES, transactionSign,
} from "./nacha-records.ts";
import { StatementBuilder, type EntryFields } from "./statement.ts";
import type { EventSink } from "./types.ts";

interface Totals { count: number; hash: bigint; debit: bigint; credit: bigint }
interface Batch extends Totals {
  builder: StatementBuilder; sec: string; serviceClass: string; odfi: string; number: string;
  effective: string | null; settlement: string | null;
}
interface PendingEntry { line: number; minor: bigint; fields: EntryFields; addenda: string[]; reason: string | null; ctx: boolean }

const zero = (): Totals => ({ count: 0, hash: 0n, debit: 0n, credit: 0n });

class NachaParser implements LineConsumer {
  private header = false;
  private closed = false;
  private batch: Batch | null = null;
  private entry: PendingEntry | null = null;
  private file = zero();
  private batches = 0;
  private adv = false;
  private done: { builder: StatementBuilder; ok: boolean }[] = [];

  constructor(private readonly emit: EventSink) {}

  /** `before`: characters of this line already handed on as whole records (a line of records without breaks). */
  line(text: string, lineNo: number, before = 0): void {
    const trimmed = text.trimEnd();
    if (trimmed === "") return;
    if (before === 0 && trimmed.length <= RECORD_LENGTH) return this.record(trimmed.padEnd(RECORD_LENGTH, " "), lineNo);
    // Records may also come without line breaks ("fixed length" files), the last one space-padded.
    const whole = text.length % RECORD_LENGTH === 0 ? text : trimmed;
    if (whole.length % RECORD_LENGTH !== 0) {
      const extra = trimmed.length % RECORD_LENGTH;
      throw new StatementParseError(`line is ${before + trimmed.length} characters: not a whole number of 94-character records (${extra} extra)`, { line: lineNo });
    }
    this.records(whole, lineNo);
  }

  /** Whole 94-character records, back to back. */
  records(text: string, lineNo: number): void {
    for (let i = 0; i < text.length; i += RECORD_LENGTH) this.record(text.slice(i, i + RECORD_LENGTH), lineNo);
  }

  end(lastLine: number): void {
    if (!this.header) throw new StatementParseError("empty file: no NACHA file header (record type 1)", { line: lastLine });
    if (!this.closed) throw new StatementParseError(this.batch ? `batch ${this.batch.number} has no batch control (record type 8)` : "missing file control (record type 9): the file is truncated", { line: lastLine });
    this.emit({ type: "end", format: "nacha" });
  }

  private record(r: string, line: number): void {
    const fail = (problem: string) => new StatementParseError(problem, { line });
    const ctrl = /[\u0000-\u001f\u007f]/.exec(r);
    if (ctrl) throw fail(`control character U+${ctrl[0].charCodeAt(0).toString(16).padStart(4, "0")} at column ${ctrl.index + 1}`);
    const type = r[0];
    if (this.closed) {
      if (/^9{94}$/.test(r)) return; // block padding after the file control
      throw fail(`record type ${type} after the file control`);
    }
    if (type !== "7") this.flushEntry();
    switch (type) {
      case "1":
        if (this.header) throw fail("second file header (record type 1)");
        this.header = true;
        return;
      case "5": return this.batchHeader(r, fail);
      case "6": return this.entryDetail(r, line, fail);
      case "7": return this.addenda(r, fail);
      case "8": return this.batchControl(r, fail);
      case "9": return this.fileControl(r, fail);
      default: throw fail(`unknown record type "${type}"`);
    }
  }

  private batchHeader(r: string, fail: (p: string) => StatementParseError): void {
    if (!this.header) throw fail("batch header before the file header (record type 1)");
    if (this.batch) throw fail(`batch header inside batch ${this.batch.number}: missing batch control (record type 8)`);
    const serviceClass = field(r, [1, 4]);
    if (!SERVICE_CLASSES.has(serviceClass)) throw fail(`invalid service class code "${serviceClass}" (200, 220, 225 or 280)`);
    const sec = field(r, [50, 53]);
    if (!/^[A-Z]{3}$/.test(sec)) throw fail(`invalid standard entry class code "${sec}"`);
    if (sec === "ADV") this.adv = true;
    const builder = new StatementBuilder(this.emit, this.batches++);
    const number = field(r, [87, 94]);
    builder.id = number || null;
    builder.account = field(r, [40, 50]) || null; // company identification (IAT: originator identification)
    builder.currency = "USD";
    const effective = parseYYMMDD(field(r, [69, 75]));
    const julian = Number(field(r, [75, 78]));
    const settlement = effective && julian >= 1 ? julianDate(Number(effective.slice(0, 4)), julian) : null;
    this.batch = { ...zero(), builder, sec, serviceClass, odfi: field(r, [79, 87]), number, effective, settlement };
  }

  private entryDetail(r: string, line: number, fail: (p: string) => StatementParseError): void {
    const batch = this.batch;
    if (!batch) throw fail("entry detail (record type 6) outside a batch");
    const code = field(r, [1, 3]);
    const sign = /^\d\d$/.test(code) ? transactionSign(Number(code)) : null;
    if (sign === null) throw fail(`invalid transaction code "${code}"`);
    const layout = entryLayout(batch.sec);
    const amountText = r.slice(...layout.amount);
    if (!/^\d+$/.test(amountText)) throw fail(`invalid amount "${amountText}" (digits expected)`);
    const indicator = r[layout.addendaIndicator];
    if (indicator !== "0" && indicator !== "1") throw fail(`invalid addenda record indicator "${indicator}" (0 or 1)`);
    const rdfi = r.slice(3, 11);
    if (!/^\d{8}$/.test(rdfi)) throw fail(`invalid receiving DFI identification "${rdfi}"`);
    const amount = BigInt(amountText);
    batch.count++;
    batch.hash += BigInt(rdfi);
    if (sign > 0n) batch.credit += amount; else batch.debit += amount;
    const account = field(r, layout.account);
    const id = layout.id ? field(r, layout.id) : "";
    this.entry = {
      line, minor: sign * amount, addenda: [], reason: null, ctx: batch.sec === "CTX",
      fields: {
        value_date: batch.effective,
        booking_date: batch.settlement ?? batch.effective,
        type: batch.sec,
        bank_reference: field(r, layout.trace) || null,
        customer_reference: id || null,
        counterparty_name: field(r, layout.name) || null,
        counterparty_account: account ? `${r.slice(3, 12).trim()}/${account}` : null,
        remittance: null,
      },
    };
  }

  private addenda(r: string, fail: (p: string) => StatementParseError): void {
    const entry = this.entry;
    if (!this.batch) throw fail("addenda (record type 7) outside a batch");
    if (!entry) throw fail("addenda (record type 7) without an entry detail before it");
    const kind = r.slice(1, 3);
    if (!ADDENDA_TYPES.has(kind)) throw fail(`invalid addenda type code "${kind}"`);
    if (entry.addenda.length >= LIMITS.addenda) throw fail(`more than ${LIMITS.addenda} addenda records for one entry`);
    this.batch.count++;
    const f = entry.fields;
    if (kind === "99" || kind === "98") {
      // Returns (R-codes) and notifications of change (C-codes): the reason is the entry's type and
      // the original trace number is what links it back to the original payment.
      const reason = r.slice(3, 6);
      if (!(kind === "99" ? /^R\d\d$/ : /^C\d\d$/).test(reason)) throw fail(`invalid ${kind === "99" ? "return reason" : "change"} code "${reason}"`);
      entry.reason = reason;
      f.customer_reference = field(r, [6, 21]) || f.customer_reference;
      entry.addenda.push(field(r, kind === "99" ? [35, 79] : [35, 64]));
    } else if (kind === "05") {
      entry.addenda.push(entry.ctx ? r.slice(3, 83) : field(r, [3, 83]));
    } else if (kind === "10") {
      f.counterparty_name = field(r, [46, 81]) || f.counterparty_name;
    } else if (kind === "17") {
      entry.addenda.push(field(r, [3, 83]));
    }
  }

  private flushEntry(): void {
    const entry = this.entry;
    if (!entry || !this.batch) return;
    this.entry = null;
    const text = entry.ctx ? entry.addenda.join("").trim() : entry.addenda.filter(Boolean).join(" ");
    if (entry.reason) entry.fields.type = entry.reason;
    entry.fields.remittance = text || null;
    this.batch.builder.addEntry({ minor: entry.minor, currency: null }, entry.fields);
  }

  private batchControl(r: string, fail: (p: string) => StatementParseError): void {
    const batch = this.batch;
    if (!batch) throw fail("batch control (record type 8) outside a batch");
    const c = batchControlLayout(batch.sec === "ADV");
    const ok = field(r, [1, 4]) === batch.serviceClass
      && sameNumber(field(r, c.count), batch.count)
      && sameNumber(field(r, c.hash), batch.hash % 10_000_000_000n)
      && sameNumber(field(r, c.debit), batch.debit)
      && sameNumber(field(r, c.credit), batch.credit)
      && field(r, c.odfi) === batch.odfi
      && field(r, c.batch) === batch.number;
    this.file.count += batch.count;
    this.file.hash += batch.hash;
    this.file.debit += batch.debit;
    this.file.credit += batch.credit;
    this.done.push({ builder: batch.builder, ok });
    this.batch = null;
  }

  private fileControl(r: string, fail: (p: string) => StatementParseError): void {
    if (!this.header) throw fail("file control before the file header (record type 1)");
    if (this.batch) throw fail(`file control inside batch ${this.batch.number}: missing batch control (record type 8)`);
    const c = fileControlLayout(this.adv);
    const ok = sameNumber(field(r, c.batches), this.batches)
      && sameNumber(field(r, c.count), this.file.count)
      && sameNumber(field(r, c.hash), this.file.hash % 10_000_000_000n)
      && sameNumber(field(r, c.debit), this.file.debit)
      && sameNumber(field(r, c.credit), this.file.credit);
    // Batch results wait for the file control, so a wrong file total shows on every batch.
    for (const { builder, ok: batchOk } of this.done) {
      builder.controlTotals = batchOk && ok ? "ok" : "mismatch";
      builder.finish();
    }
    this.closed = true;
  }
}

function sameNumber(text: string, value: number | bigint): boolean {
  return /^\d+$/.test(text) && BigInt(text) === BigInt(value);
}

function julianDate(year: number, day: number): string | null {
  const d = new Date(Date.UTC(year, 0, day));
  return d.getUTCFullYear() === year ? d.toISOString().slice(0, 10) : null;
}

/**
 * NACHA's own line splitter: a file of records without line breaks is one line of millions of characters, so once
 * the current line passes LONG_LINE its whole records are handed on as they arrive (the last one is kept back: it
 * may be the space-padded last record). A line is never held whole, and each chunk is searched once.
 */
const LONG_LINE = RECORD_LENGTH * 1000;

class NachaSplitter implements ChunkParser {
  private rest = "";
  private lineNo = 0;
  private handedOn = 0;

  constructor(private readonly parser: NachaParser) {}

  write(chunk: string): void {
    let start = 0;
    for (let nl = chunk.indexOf("\n"); nl !== -1; nl = chunk.indexOf("\n", start)) {
      this.endLine(this.rest + chunk.slice(start, nl));
      this.rest = "";
      start = nl + 1;
    }
    this.rest += chunk.slice(start);
    if (this.rest.length >= LONG_LINE) {
      const whole = this.rest.length - (this.rest.length % RECORD_LENGTH) - RECORD_LENGTH;
      this.parser.records(this.rest.slice(0, whole), this.lineNo + 1);
      this.handedOn += whole;
      this.rest = this.rest.slice(whole);
    }
  }

  end(): void {
    if (this.rest !== "" || this.handedOn > 0) this.endLine(this.rest);
    this.rest = "";
    this.parser.end(this.lineNo);
  }

  private endLine(text: string): void {
    const before = this.handedOn;
    this.handedOn = 0;
    this.parser.line(text.endsWith("\r") ? text.slice(0, -1) : text, ++this.lineNo, before);
  }
}

export function createNachaParser(emit: EventSink): ChunkParser {
  return new NachaSplitter(new NachaParser(emit));
}
