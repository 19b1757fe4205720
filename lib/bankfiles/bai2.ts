// BAI2 (Cash Management Balance Reporting Specifications v2, and BTRS v3 headers): 01 file, 02 group,
// 03 account, 16 detail, 88 continuation, 49/98/99 trailers. One statement per 03 account.
import { parseYYMMDD } from "./dates.ts";
import { StatementParseError } from "./errors.ts";
import { LIMITS } from "./limits.ts";
import { lineParser, type ChunkParser, type LineConsumer } from "./lines.ts";
import { AmountError, currencyExponent, parseDecimal, parseMinorUnits } from "./money.ts";
import { StatementBuilder } from "./statement.ts";
import type { EventSink } from "./types.ts";

const RECORD_CODES = new Set(["01", "02", "03", "16", "49", "88", "98", "99"]);
// Several records may share a physical line ("49,-1600,11/  03,1111111,...").
const NEXT_RECORD = /(?<=\/)\s+(?=(?:01|02|03|16|49|88|98|99),)/;

/** Credit/debit by BAI type-code range (Appendix A); null for status and non-monetary codes. */
export function bai2Direction(typeCode: string): 1n | -1n | null {
  const n = Number(typeCode);
  if (!/^\d{3}$/.test(typeCode)) return null;
  if ((n >= 100 && n <= 399) || (n >= 720 && n <= 759) || (n >= 920 && n <= 959)) return 1n;
  if ((n >= 400 && n <= 699) || (n >= 760 && n <= 799) || n >= 960) return -1n;
  return null;
}

/**
 * Extra fields after the funds type: S = 3 availability amounts, V = value date and time, D = a count n and then n
 * pairs. `at` is the index of the first extra field; `fieldNo` turns an index into the record's field number (the
 * record code is field 1). A count that is not a whole number, or more pairs than the record holds, is refused: a
 * negative count once made the field step zero and the parser loop forever.
 */
function fundsFieldCount(funds: string, fields: string[], at: number, fieldNo: (i: number) => number, fail: (p: string) => StatementParseError): number {
  if (funds === "S") return 3;
  if (funds === "V") return 2;
  if (funds !== "D") return 0;
  const raw = (fields[at] ?? "").trim();
  if (raw === "") return 1;
  if (!/^\d{1,4}$/.test(raw)) throw fail(`field ${fieldNo(at)}: distribution count "${raw}" for funds type D is not a whole number of days`);
  const pairs = Number(raw);
  if (at + 1 + 2 * pairs > fields.length) {
    throw fail(`field ${fieldNo(at)}: funds type D announces ${pairs} distributions, but only ${Math.max(0, Math.floor((fields.length - at - 1) / 2))} follow`);
  }
  return 1 + 2 * pairs;
}

interface PendingRecord { code: string; line: number; parts: string[][]; records: number; chars: number }
interface Trailer { total: bigint; records: number; children: number; ok: boolean }

class Bai2Parser implements LineConsumer {
  private pending: PendingRecord | null = null;
  private file: (Trailer & { id: string }) | null = null;
  private group: (Trailer & { asOf: string; currency: string | null; no: number }) | null = null;
  private account: (Trailer & { builder: StatementBuilder }) | null = null;
  private groupAccounts: StatementBuilder[] = [];
  private finished: { builder: StatementBuilder; ok: boolean }[] = [];
  private closed = false;
  private statements = 0;

  constructor(private readonly emit: EventSink) {}

  line(text: string, lineNo: number): void {
    if (text.trim() === "") return;
    if (!/^\d\d,/.test(text)) {
      // A record wrapped onto a new physical line: the text goes on.
      const last = this.pending?.parts.at(-1);
      if (!last) throw new StatementParseError("not a BAI2 record (expected a two-digit record code and a comma)", { line: lineNo });
      this.grow(text.length);
      last[last.length - 1] += " " + text.trim();
      return;
    }
    for (const record of text.split(NEXT_RECORD)) this.record(record, lineNo);
  }

  end(lastLine: number): void {
    this.flush();
    if (!this.file) throw new StatementParseError("empty file: no BAI2 file header (01)", { line: lastLine });
    if (!this.closed) throw new StatementParseError("missing file trailer (99): the file is truncated", { line: lastLine });
    this.emit({ type: "end", format: "bai2" });
  }

  private record(text: string, line: number): void {
    const code = text.slice(0, 2);
    if (!RECORD_CODES.has(code)) throw new StatementParseError(`unknown BAI2 record code ${code}`, { line });
    const fields = text.slice(3).split(",");
    if (code === "88") {
      if (!this.pending) throw new StatementParseError("continuation record 88 with nothing to continue", { line });
      this.grow(text.length);
      this.pending.parts.push(fields);
      this.pending.records++;
      return;
    }
    this.flush();
    this.pending = { code, line, parts: [fields], records: 1, chars: text.length };
  }

  /** A logical record (with its 88 continuations and wrapped lines) is bounded: LIMITS.recordChars. */
  private grow(chars: number): void {
    const rec = this.pending!;
    rec.chars += chars;
    if (rec.chars > LIMITS.recordChars) throw new StatementParseError(`record ${rec.code} with its continuations is longer than ${LIMITS.recordChars} characters`, { line: rec.line });
  }

  /** A logical record is complete once the next non-88 record starts. */
  private flush(): void {
    const rec = this.pending;
    if (!rec) return;
    this.pending = null;
    const fields = rec.code === "16" ? joinParts(rec.parts) : joinParts(rec.parts.map(cutAtSlash));
    try {
      this.dispatch(rec, fields);
    } catch (e) {
      if (e instanceof AmountError) throw new StatementParseError(e.message, { line: rec.line });
      throw e;
    }
  }

  private dispatch(rec: PendingRecord, f: string[]): void {
    const fail = (problem: string) => new StatementParseError(problem, { line: rec.line });
    if (this.closed) throw fail(`record ${rec.code} after the file trailer (99)`);
    if (!this.file && rec.code !== "01") throw fail(`expected the file header (01), found record ${rec.code}`);
    this.count(rec.records);
    switch (rec.code) {
      case "01": {
        if (this.file) throw fail("second file header (01)");
        const version = (f[7] ?? "").trim();
        if (version !== "2" && version !== "3") throw fail(`unsupported BAI version "${version}" (expected 2, or 3 for BTRS)`);
        this.file = { id: (f[4] ?? "").trim(), total: 0n, records: 1, children: 0, ok: true };
        return;
      }
      case "02": {
        if (this.group) throw fail("group header (02) inside an open group: missing group trailer (98)");
        const asOf = parseYYMMDD((f[3] ?? "").trim());
        if (!asOf) throw fail(`invalid as-of date "${f[3] ?? ""}" in group header (02)`);
        this.file!.children++;
        this.group = { asOf, currency: (f[5] ?? "").trim() || null, no: this.file!.children, total: 0n, records: 1, children: 0, ok: true };
        return;
      }
      case "03":
        return this.openAccount(f, rec, fail);
      case "16":
        return this.detail(f, rec.line, fail);
      case "49": {
        const acct = this.account;
        if (!acct) throw fail("account trailer (49) outside an account");
        const total = this.trailerTotal(f[0], acct.total, "account trailer (49)", rec.line, [acct.builder]);
        acct.ok = total === acct.total && Number(f[1]) === acct.records;
        this.group!.total += total;
        this.finished.push({ builder: acct.builder, ok: acct.ok });
        this.groupAccounts.push(acct.builder);
        this.account = null;
        return;
      }
      case "98": {
        const group = this.group;
        if (!group || this.account) throw fail(this.account ? "group trailer (98) inside an account: missing account trailer (49)" : "group trailer (98) outside a group");
        const total = this.trailerTotal(f[0], group.total, "group trailer (98)", rec.line, this.groupAccounts);
        group.ok = total === group.total && Number(f[1]) === group.children && Number(f[2]) === group.records;
        if (!group.ok) for (const done of this.finished) if (this.groupAccounts.includes(done.builder)) done.ok = false;
        this.file!.total += total;
        this.group = null;
        this.groupAccounts = [];
        return;
      }
      case "99": {
        if (this.group) throw fail("file trailer (99) inside a group: missing group trailer (98)");
        const file = this.file!;
        const total = this.trailerTotal(f[0], file.total, "file trailer (99)", rec.line, this.finished.map((d) => d.builder));
        const ok = total === file.total && Number(f[1]) === file.children && Number(f[2]) === file.records;
        // Account results wait for the file trailer, so a wrong group or file total shows on every account.
        for (const done of this.finished) {
          done.builder.controlTotals = done.ok && ok ? "ok" : "mismatch";
          done.builder.finish();
        }
        this.finished = [];
        this.closed = true;
      }
    }
  }

  /**
   * A BAI2 amount: whole minor units, signed. Leniently (with a warning) a decimal point where the meaning is certain
   * ("1234.56" with at most the currency's decimals: banks that forget the implied decimals), zero padding and blanks.
   */
  private amount(text: string, builder: StatementBuilder, line: number, where: string): bigint {
    const t = text.trim();
    if (/^[+-]?\d+$/.test(t)) return parseMinorUnits(t);
    const m = /^([+-]?)(\d+)[.,](\d+)$/.exec(t);
    if (!m) throw new AmountError(`${where}: invalid amount "${text}"`);
    const exponent = currencyExponent(builder.currency);
    if (m[3]!.length > exponent || m[3]!.length === 3) throw new AmountError(`${where}: amount "${text}" could be read two ways (BAI2 amounts are whole minor units)`);
    builder.warn(`line ${line}: ${where}: amount "${text}" written with a decimal separator (BAI2 amounts are whole minor units); read as ${m[2]}.${m[3]}`);
    const minor = parseDecimal(`${m[2]}.${m[3]}`, exponent);
    return m[1] === "-" ? -minor : minor;
  }

  /** A trailer's control total; a blank one is not checked (the computed total stands in), with a warning. */
  private trailerTotal(text: string | undefined, computed: bigint, what: string, line: number, concerned: StatementBuilder[]): bigint {
    if ((text ?? "").trim() !== "") return parseMinorUnits(text!);
    for (const b of concerned) b.warn(`line ${line}: ${what}: the control total is blank; the total is not checked (counts are)`);
    return computed;
  }

  /** Every logical record counts towards the trailers' record counts of its account, group and file. */
  private count(records: number): void {
    if (this.file) this.file.records += records;
    if (this.group) this.group.records += records;
    if (this.account) this.account.records += records;
  }

  private openAccount(f: string[], rec: PendingRecord, fail: (p: string) => StatementParseError): void {
    const group = this.group;
    if (!group) throw fail("account record (03) outside a group");
    if (this.account) throw fail("account record (03) inside an open account: missing account trailer (49)");
    group.children++;
    const builder = new StatementBuilder(this.emit, this.statements++);
    builder.account = (f[0] ?? "").trim() || null;
    builder.currency = (f[1] ?? "").trim() || group.currency || "USD";
    builder.id = [this.file!.id, group.no, group.children].join("-");
    this.account = { builder, total: 0n, records: rec.records, children: 0, ok: true };
    for (let i = 2; i < f.length;) {
      const type = (f[i] ?? "").trim(), amount = (f[i + 1] ?? "").trim(), funds = (f[i + 3] ?? "").trim();
      i += 4 + fundsFieldCount(funds, f, i + 4, (n) => n + 2, (p) => fail(`account record (03): ${p}`));
      if (!amount) continue;
      const minor = this.amount(amount, builder, rec.line, `account record (03), type ${type}`);
      this.account.total += minor;
      if (type === "010") builder.opening = { minor, currency: null, date: group.asOf };
      if (type === "015") builder.closing = { minor, currency: null, date: group.asOf };
    }
  }

  private detail(f: string[], line: number, fail: (p: string) => StatementParseError): void {
    const acct = this.account;
    if (!acct) throw fail("transaction detail (16) outside an account");
    const type = (f[0] ?? "").trim(), amountText = (f[1] ?? "").trim(), funds = (f[2] ?? "").trim();
    const extra = fundsFieldCount(funds, f, 3, (n) => n + 2, (p) => fail(`transaction detail (16): ${p}`));
    const valueDateText = funds === "V" ? (f[3] ?? "").trim() : "";
    const rest = f.slice(3 + extra);
    const bankRef = (rest[0] ?? "").trim(), custRef = (rest[1] ?? "").trim();
    const text = stripSlash(rest.slice(2).join(",")).trim();
    const minor = amountText ? this.amount(amountText, acct.builder, line, "transaction detail (16)") : 0n;
    acct.total += minor;
    if (type === "890") return; // non-monetary information, not a transaction
    const sign = bai2Direction(type);
    if (sign === null) throw fail(`type code "${type}" is not a credit or debit transaction code`);
    if (!amountText || minor < 0n) throw fail(`invalid amount "${amountText}" in transaction detail (16)`);
    const valueDate = valueDateText ? parseYYMMDD(valueDateText) : this.group!.asOf;
    if (!valueDate) throw fail(`invalid value date "${valueDateText}"`);
    acct.builder.addEntry({ minor: sign * minor, currency: null }, {
      value_date: valueDate,
      booking_date: this.group!.asOf,
      type,
      bank_reference: bankRef || null,
      customer_reference: custRef || null,
      counterparty_name: null,
      counterparty_account: null,
      remittance: text || null,
    });
  }
}

function stripSlash(text: string): string {
  const t = text.trimEnd();
  return t.endsWith("/") ? t.slice(0, -1) : text;
}

/** Fixed-field records end at their first "/" (what follows is padding). */
function cutAtSlash(fields: string[]): string[] {
  const out: string[] = [];
  for (const field of fields) {
    const slash = field.indexOf("/");
    if (slash !== -1) {
      out.push(field.slice(0, slash));
      return out;
    }
    out.push(field);
  }
  return out;
}

/** 88 continuations carry on with the next field after the previous record's closing "/". */
function joinParts(parts: string[][]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const copy = [...part];
    if (copy.length) copy[copy.length - 1] = stripSlash(copy[copy.length - 1]);
    out.push(...copy);
  }
  return out;
}

export function createBai2Parser(emit: EventSink): ChunkParser {
  return lineParser(new Bai2Parser(emit));
}
