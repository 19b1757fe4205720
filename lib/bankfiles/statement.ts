// Shared statement assembly: every parser feeds a StatementBuilder, which formats amounts, keeps the
// running sum for the balance check without holding entries, and emits the incremental events.
import { StatementParseError } from "./errors.ts";
import { LIMITS } from "./limits.ts";
import { currencyExponent, formatMinor, type Money } from "./money.ts";
import type { Balance, CheckStatus, Entry, EventSink, Statement, StatementEvent, ParsedStatementFile } from "./types.ts";

export interface DatedMoney extends Money {
  date: string | null;
}

export type EntryFields = Omit<Entry, "amount">;

export class StatementBuilder {
  id: string | null = null;
  account: string | null = null;
  currency: string | null = null;
  opening: DatedMoney | null = null;
  closing: DatedMoney | null = null;
  controlTotals: CheckStatus = "not_applicable";
  private started = false;
  private sum = 0n;
  private count = 0;
  /** Entries in another currency than the statement's make the balance check meaningless. */
  private mixedCurrencies = false;

  constructor(private readonly emit: EventSink, readonly index: number) {
    if (index >= LIMITS.statements) throw new StatementParseError(`more than ${LIMITS.statements} statements in one file`);
  }

  get entryCount(): number {
    return this.count;
  }

  get hasContent(): boolean {
    return this.started || this.count > 0 || this.opening !== null || this.closing !== null
      || this.id !== null || this.account !== null;
  }

  addEntry(amount: Money, fields: EntryFields): void {
    this.start();
    if (!this.sameCurrency(amount.currency)) this.mixedCurrencies = true;
    this.sum += amount.minor;
    this.count++;
    this.emit({ type: "entry", index: this.index, entry: { amount: this.format(amount), ...fields }, currency: amount.currency });
  }

  /** A quirk of the file this statement was read through (see the "warning" event). */
  warn(message: string): void {
    this.emit({ type: "warning", index: this.index, message });
  }

  finish(): void {
    this.start();
    const opening = this.opening, closing = this.closing;
    let balance: CheckStatus = "not_applicable";
    let difference: string | undefined;
    if (opening && closing && !this.mixedCurrencies && this.sameCurrency(opening.currency)
      && this.sameCurrency(closing.currency)) {
      const diff = closing.minor - opening.minor - this.sum;
      balance = diff === 0n ? "ok" : "mismatch";
      if (diff !== 0n) difference = formatMinor(diff, currencyExponent(this.currency));
    }
    const checks = difference === undefined
      ? { balance, control_totals: this.controlTotals }
      : { balance, balance_difference: difference, control_totals: this.controlTotals };
    this.emit({
      type: "statement_end",
      index: this.index,
      statement: { ...this.head(), closing_balance: this.balance(closing), checks, entry_count: this.count },
    });
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.emit({ type: "statement_start", index: this.index, head: this.head() });
  }

  private head() {
    return { id: this.id, account: this.account, currency: this.currency, opening_balance: this.balance(this.opening) };
  }

  private balance(b: DatedMoney | null): Balance | null {
    return b ? { amount: this.format(b), date: b.date } : null;
  }

  private format(m: Money): string {
    return formatMinor(m.minor, currencyExponent(m.currency ?? this.currency));
  }

  private sameCurrency(currency: string | null): boolean {
    return currency === null || this.currency === null || currency === this.currency;
  }
}

/**
 * Collects the events of one parse into the contract's JSON document. A statement's end may come
 * after later statements' entries (BAI2 defers account results until the file trailer is checked).
 */
export class StatementCollector {
  private format = "";
  /** Warnings are not part of the contract's JSON: the CLI prints them on stderr. */
  readonly warnings: string[] = [];
  private readonly open = new Map<number, Entry[]>();
  private readonly done: Statement[] = [];

  readonly sink: EventSink = (event: StatementEvent) => {
    switch (event.type) {
      case "statement_start":
        this.open.set(event.index, []);
        break;
      case "entry":
        this.open.get(event.index)?.push(event.entry);
        break;
      case "statement_end": {
        const { entry_count: _count, ...summary } = event.statement;
        this.done[event.index] = { ...summary, entries: this.open.get(event.index) ?? [] };
        this.open.delete(event.index);
        break;
      }
      case "warning":
        if (!this.warnings.includes(event.message)) this.warnings.push(event.message);
        break;
      case "end":
        this.format = event.format;
    }
  };

  result(): ParsedStatementFile {
    return { format: this.format, statements: this.done.filter(Boolean) };
  }
}
