// The canonical parsed-statement shape: exactly the JSON of the `parse-statement` contract
// (../shared/contracts/parse-statement-cli.md). Amounts are signed decimal strings, never floats.

export type StatementFormatName = "bai2" | "camt" | "mt940" | "nacha";
export type CheckStatus = "ok" | "mismatch" | "not_applicable";

export interface Balance {
  amount: string;
  date: string | null;
}

export interface Checks {
  balance: CheckStatus;
  /** closing - opening - sum(entries); present only when `balance` is "mismatch". */
  balance_difference?: string;
  control_totals: CheckStatus;
}

export interface Entry {
  amount: string;
  value_date: string | null;
  booking_date: string | null;
  type: string | null;
  bank_reference: string | null;
  customer_reference: string | null;
  counterparty_name: string | null;
  counterparty_account: string | null;
  remittance: string | null;
}

export interface Statement {
  id: string | null;
  account: string | null;
  currency: string | null;
  opening_balance: Balance | null;
  closing_balance: Balance | null;
  checks: Checks;
  entries: Entry[];
}

export interface ParsedStatementFile {
  /** e.g. "bai2", "mt940", "mt942", "camt.053.001.02", "nacha". */
  format: string;
  statements: Statement[];
}

/** What is known of a statement before its first entry (balances may still be missing). */
export type StatementHead = Pick<Statement, "id" | "account" | "currency" | "opening_balance">;
/** The authoritative statement, without its entries, once the statement is complete. */
export type StatementSummary = Omit<Statement, "entries"> & { entry_count: number };

/**
 * Incremental parse events, in file order: for each statement, one `statement_start`, its `entry`
 * events, then one `statement_end`; a single `end` closes the file. `index` numbers statements from 0.
 */
export type StatementEvent =
  | { type: "statement_start"; index: number; head: StatementHead }
  /** `currency`: the currency the file wrote on this entry's amount (camt <Amt Ccy>), null where it writes none. */
  | { type: "entry"; index: number; entry: Entry; currency: string | null }
  | { type: "statement_end"; index: number; statement: StatementSummary }
  /**
   * A quirk the lenient reader accepted (blank trailer total, decimal point where a comma belongs, …): reported, never
   * silent. `index`: the statement it concerns, null for the whole file. `message` names the line or XML path.
   */
  | { type: "warning"; index: number | null; message: string }
  | { type: "end"; format: string };

export type EventSink = (event: StatementEvent) => void;
