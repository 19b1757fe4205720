// SWIFT MT940 (customer statement) and MT942 (interim transaction report), as banks really send them:
// with or without SWIFT envelopes, several messages per file, and snippets of single fields.
import { nearbyMMDD, parseYYMMDD } from "./dates.ts";
import { StatementParseError } from "./errors.ts";
import { LIMITS } from "./limits.ts";
import { lineParser, type ChunkParser, type LineConsumer } from "./lines.ts";
import { AmountError, currencyExponent, readAmount } from "./money.ts";
import { parseMt940Details } from "./mt940-details.ts";
import { StatementBuilder, type DatedMoney, type EntryFields } from "./statement.ts";
import type { EventSink } from "./types.ts";

// Only known tags start a field: ":26:37" inside a wrapped :86: line is text, not a tag.
const TAG = /^:(20|21|25P?|28C?|60[FM]|61|62[FM]|64|65|86|34F|13D?|90[DC]|NS):/;
// "-" ends a message; seen as "-}" (SWIFT envelope), "-XXX" (ING) and "-" + ETX (mBank).
const MESSAGE_END = /^-(\}.*|XXX)?[\s\x03]*$/;
const BALANCE = /^([CD])(\d{6})([A-Z]{3})?(\d[\d,.]*)$/;
const STATEMENT_LINE = /^(\d{6})(\d{4}|\s{4})?(R?[CD])([A-Z])?\s*(\d[\d,.]*)([A-Z][A-Z0-9 ]{3})?/;
const SUMMARY = /^(\d+)([A-Z]{3})(\d[\d,.]*)?$/;

interface Field { tag: string; lines: string[]; line: number; chars: number }
interface PendingEntry { amount: bigint; fields: EntryFields; customerRef: string | null; supplementary: string; details: string[] | null }

/** ":13D:1701191815+0100" -> "2017-01-19T18:15:00+01:00" (MT942 date-time indication). */
export function parseMt942DateTime(value: string): string | null {
  const m = /^(\d{6})(\d{2})(\d{2})([+-])(\d{2})(\d{2})$/.exec(value.trim());
  const date = m ? parseYYMMDD(m[1]) : null;
  return m && date ? `${date}T${m[2]}:${m[3]}:00${m[4]}${m[5]}:${m[6]}` : null;
}

class Mt940Parser implements LineConsumer {
  private field: Field | null = null;
  private builder: StatementBuilder | null = null;
  private entry: PendingEntry | null = null;
  private statements = 0;
  private ref: string | null = null;
  private number: string | null = null;
  private sums = new Map<string, { count: number; minor: bigint | null }>();
  private actual = { C: { count: 0, minor: 0n }, D: { count: 0, minor: 0n } };
  private mt942 = false;
  private sawTag = false;
  private loneColon = false;

  constructor(private readonly emit: EventSink) {}

  line(raw: string, lineNo: number): void {
    let text = raw;
    if (this.loneColon && /^\d\d[A-Z]?:/.test(text)) text = ":" + text; // ":\n86:..." split tags
    this.loneColon = text === ":";
    if (this.loneColon || text.trim() === "") return;
    const envelope = text.indexOf("{4:");
    if (envelope !== -1) text = text.slice(envelope + 3);
    else if (text.startsWith("{")) return; // {1:..}{2:..} headers, {5:..} trailers
    if (MESSAGE_END.test(text.trim())) {
      this.flushField();
      this.endStatement();
      return;
    }
    const tag = TAG.exec(text);
    if (tag) {
      this.flushField();
      this.sawTag = true;
      this.field = { tag: tag[1], lines: [text.slice(tag[0].length)], line: lineNo, chars: text.length };
    } else if (this.field) {
      this.field.chars += text.length;
      if (this.field.chars > LIMITS.recordChars) throw new StatementParseError(`:${this.field.tag}: field longer than ${LIMITS.recordChars} characters`, { line: this.field.line });
      this.field.lines.push(text);
    } // else: text outside any field (bank headers such as "ABNANL2A" / "940")
  }

  end(lastLine: number): void {
    this.flushField();
    this.endStatement();
    if (!this.sawTag) throw new StatementParseError("no MT940/MT942 field tags (:20:, :25:, :60F:, :61:, ...) found", { line: lastLine });
    this.emit({ type: "end", format: this.mt942 ? "mt942" : "mt940" });
  }

  private statement(): StatementBuilder {
    return (this.builder ??= new StatementBuilder(this.emit, this.statements++));
  }

  private endStatement(): void {
    this.flushEntry();
    const b = this.builder;
    if (!b) return;
    if (this.sums.size) {
      const same = (k: "C" | "D") => !this.sums.has(k)
        || (this.sums.get(k)!.count === this.actual[k].count && [null, this.actual[k].minor].includes(this.sums.get(k)!.minor));
      b.controlTotals = same("C") && same("D") ? "ok" : "mismatch";
    }
    b.finish();
    this.builder = null;
    this.ref = this.number = null;
    this.sums = new Map();
    this.actual = { C: { count: 0, minor: 0n }, D: { count: 0, minor: 0n } };
  }

  private flushField(): void {
    const f = this.field;
    if (!f) return;
    this.field = null;
    try {
      this.apply(f);
    } catch (e) {
      if (e instanceof AmountError) throw new StatementParseError(`:${f.tag}: ${e.message}`, { line: f.line });
      throw e;
    }
  }

  private apply(f: Field): void {
    const value = f.lines.join("\n").trim();
    const fail = (problem: string) => new StatementParseError(`:${f.tag}: ${problem}`, { line: f.line });
    if (f.tag !== "86" && f.tag !== "NS") this.flushEntry();
    switch (f.tag) {
      case "20":
        if (this.builder?.hasContent) this.endStatement();
        this.ref = value || null;
        return this.setId();
      case "25": case "25P":
        this.statement().account = value || null;
        return;
      case "28": case "28C":
        this.number = value || null;
        return this.setId();
      case "60F": case "60M": {
        const b = this.builder;
        if (b && (b.opening || b.closing || b.entryCount)) this.endStatement();
        this.statement().opening = this.balance(value, f, fail);
        return;
      }
      case "62F": case "62M":
        this.statement().closing = this.balance(value, f, fail);
        return;
      case "61":
        this.statement();
        this.entry = this.statementLine(f, fail);
        return;
      case "86":
        // After a :61: it describes that entry (Rabobank sends several); elsewhere it is statement text.
        if (this.entry) {
          this.entry.details = [...(this.entry.details ?? []), ...f.lines];
          if (this.entry.details.length > 10_000) throw fail(`more than 10000 lines of :86: details for one entry`);
        }
        return;
      case "34F": case "13": case "13D":
        this.mt942 = true;
        return;
      case "90D": case "90C": {
        this.mt942 = true;
        const m = SUMMARY.exec(value);
        if (!m) throw fail(`malformed entry summary "${value}" (expected count, currency, amount)`);
        let minor: bigint | null = null;
        if (m[3] === undefined) {
          // A blank total: certain (zero) when no entries are counted, else only the count can be checked.
          if (Number(m[1]) === 0) minor = 0n;
          this.statement().warn(`line ${f.line}: :${f.tag}: the total amount is blank${minor === 0n ? " (no entries: taken as 0)" : "; only the entry count is checked"}`);
        } else {
          minor = this.amount(m[3], currencyExponent(m[2]), f);
        }
        this.sums.set(f.tag === "90D" ? "D" : "C", { count: Number(m[1]), minor });
      }
    }
  }

  private setId(): void {
    this.statement().id = [this.ref, this.number].filter(Boolean).join("/") || null;
  }

  /** An amount read leniently; a quirk becomes a warning on the statement. */
  private amount(text: string, exponent: number, f: Field): bigint {
    const { minor, quirk } = readAmount(text, exponent, ",");
    if (quirk) this.statement().warn(`line ${f.line}: :${f.tag}: ${quirk}`);
    return minor;
  }

  private balance(value: string, f: Field, fail: (p: string) => StatementParseError): DatedMoney {
    const compact = value.replace(/\s+/g, "");
    if (compact !== value) this.statement().warn(`line ${f.line}: :${f.tag}: stray spaces in the balance "${value}"`);
    const m = BALANCE.exec(compact);
    if (!m) throw fail(`malformed balance "${value}" (expected C/D, YYMMDD, currency, amount)`);
    const date = parseYYMMDD(m[2], true);
    if (!date) throw fail(`invalid date "${m[2]}"`);
    const b = this.statement();
    // Some banks leave the currency out; it is then the statement's.
    const currency = m[3] ?? b.currency;
    b.currency ??= currency;
    const minor = this.amount(m[4], currencyExponent(currency), f);
    return { minor: m[1] === "D" ? -minor : minor, currency, date };
  }

  private statementLine(f: Field, fail: (p: string) => StatementParseError): PendingEntry {
    const lines = f.lines;
    const all = lines.join("\n");
    const m = STATEMENT_LINE.exec(all);
    if (!m) throw fail(`malformed statement line "${lines[0]}"`);
    const valueDate = parseYYMMDD(m[1], true);
    if (!valueDate) throw fail(`invalid value date "${m[1]}"`);
    const entryDate = m[2]?.trim() ? nearbyMMDD(m[2], valueDate, true) : null;
    const minor = this.amount(m[5], currencyExponent(this.builder?.currency), f);
    // RC = reversal of a credit (a debit entry); RD = reversal of a debit (a credit entry).
    const debit = m[3] === "D" || m[3] === "RC";
    this.actual[debit ? "D" : "C"].count++;
    this.actual[debit ? "D" : "C"].minor += minor;
    const rest = all.slice(m[0].length);
    const nl = rest.indexOf("\n");
    const refs = nl === -1 ? rest : rest.slice(0, nl);
    let supplementary = nl === -1 ? "" : rest.slice(nl + 1);
    let customerRef: string, bankRef = "";
    const slashes = refs.indexOf("//");
    if (slashes !== -1) {
      customerRef = refs.slice(0, slashes);
      bankRef = refs.slice(slashes + 2);
    } else {
      // The customer reference is at most 16 characters; Rabobank puts the details right after it.
      customerRef = refs.slice(0, 16);
      supplementary = [refs.slice(16), supplementary].filter((s) => s.trim()).join("\n");
    }
    return {
      amount: debit ? -minor : minor,
      customerRef: realRef(customerRef),
      supplementary: supplementary.trim(),
      details: null,
      fields: {
        value_date: valueDate,
        booking_date: entryDate ?? valueDate,
        type: m[6]?.trim() || null,
        bank_reference: realRef(bankRef),
        customer_reference: null,
        counterparty_name: null,
        counterparty_account: null,
        remittance: null,
      },
    };
  }

  private flushEntry(): void {
    const e = this.entry;
    if (!e || !this.builder) return;
    this.entry = null;
    const details = e.details ? parseMt940Details(e.details) : null;
    e.fields.customer_reference = e.customerRef ?? details?.reference ?? null;
    e.fields.counterparty_name = details?.counterparty_name ?? null;
    e.fields.counterparty_account = details?.counterparty_account ?? null;
    e.fields.remittance = details ? details.remittance : e.supplementary || null;
    this.builder.addEntry({ minor: e.amount, currency: null }, e.fields);
  }
}

/** "NONREF" (and Rabobank's "EREF" placeholder) mean "no reference here". */
function realRef(ref: string): string | null {
  const t = ref.trim();
  return t && t !== "NONREF" && t !== "EREF" ? t : null;
}

export function createMt940Parser(emit: EventSink): ChunkParser {
  return lineParser(new Mt940Parser(emit));
}
