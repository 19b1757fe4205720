// The in-memory match index: built once from customers, invoices and learned payer identities, then
// queried for every receipt. It also holds the mutable open amounts, so receipts processed in order
// see the effect of earlier applications.
import { accountKey, nameKeys, stripZeros } from "./normalise.ts";
import { numberKeys } from "./invoice-keys.ts";
import { scanNumber, type NumberScan } from "./number-scan.ts";
import { parseMoney } from "./money.ts";
import { DigitTable } from "./digit-table.ts";
import { EMPTY, multiGet, push, type Multi } from "./multimap.ts";
import { NameList, type NameEntry } from "./name-list.ts";

export type { NameEntry } from "./name-list.ts";

const POW10 = Array.from({ length: 12 }, (_, k) => 10 ** k);
import type { CustomerInput, Decision, InvoiceInput, LearnedPayerIdentity } from "./types.ts";

export interface IndexedInvoice {
  idx: number;
  id: string;
  number: string;
  /** Index into MatchIndex.customers (a placeholder customer when it is not in the master data). */
  customer: number;
  customerId: string;
  entity: string;
  currency: string;
  /** Current open amount (minor units); lowered when a decision is applied. */
  open: bigint;
  /** Invoice amount (minor units), e.g. for the discount rate an advice takes. */
  amount: bigint;
  /** ISO date or "". */
  issueDate: string;
  dueDate: string;
  po: string | null;
  /** Series letters of the number ("INV"), "" if none. */
  letters: string;
  /** Year group of the number, null if it has none. */
  year: string | null;
  /** Running number without year (-1 when the number has no digits or it is too long). */
  core: number;
}

export interface IndexedCustomer {
  idx: number;
  id: string;
  name: string;
  entity: string;
  invoices: number[];
  /** Parent account id in the customer hierarchy, or null. */
  parentId: string | null;
}

export class MatchIndex {
  /** `expectedInvoices` pre-sizes the number tables (no rehashing while building). */
  constructor(expectedInvoices = 1 << 14) {
    this.byDigits = new DigitTable(expectedInvoices);
    this.byPo = new DigitTable(expectedInvoices >> 1);
  }

  readonly invoices: IndexedInvoice[] = [];
  readonly customers: IndexedCustomer[] = [];
  readonly customerById = new Map<string, number>();
  /** Built on first use (committing a decision by invoice id). */
  private invoiceById: Map<string, number> | null = null;
  /** Invoice numbers as printed, upper case without separators → idx; built on first use (advice lines). */
  private invoiceByNumber: Multi | null = null;
  /** Invoice-number keys → invoice idx. */
  readonly byDigits: DigitTable;
  /** Digit widths of running numbers that follow a year ("INV-2026-000103" → 6), to rebuild padded digits. */
  readonly coreWidths = new Set<number>();
  readonly byPo: DigitTable;
  /** Year groups seen in invoice numbers (to recognise "2026" / typo "2062" inside references). */
  readonly years = new Set<string>();
  /** Entity and currency pairs that have invoices (a handful: scanned, no key string per invoice). */
  private scopeEntities: string[] = [];
  private scopeCurrencies: string[] = [];
  /** The customer of the previous invoice added (invoices of one customer often come together). */
  private lastCustomer = { id: "", idx: -1 };
  private last = { letters: "", year: "", width: -1 };
  /** While adding invoices in bulk, per-customer lists are filled afterwards in one pass. */
  private bulk = false;
  /** Letter prefixes of invoice numbers ("INV", "RE", "UK"): the known series. */
  readonly seriesLetters = new Set<string>();
  /** Payer identification → customer idx. */
  readonly byAccount: Multi = new Map();
  readonly byLearnedAccount: Multi = new Map();
  readonly byNameFull: Multi = new Map();
  readonly byNameBase: Multi = new Map();
  readonly byLearnedName: Multi = new Map();
  /** Memo of payer identifications per entity (identify-customer.ts; cleared whenever identities change). */
  readonly identityMemo = new Map<string, unknown>();
  /** All name keys, for prefix search of truncated payer names. */
  private names = new NameList();

  addCustomer(c: CustomerInput): number {
    const existing = this.customerById.get(c.id);
    if (existing !== undefined) return existing;
    const idx = this.customers.length;
    if (this.identityMemo.size) this.identityMemo.clear(); // (clear() on an empty map still allocates a table)
    this.customers.push({ idx, id: c.id, name: c.name, entity: c.entity, invoices: [], parentId: c.parentId ?? null });
    this.customerById.set(c.id, idx);
    for (const n of [c.name, ...c.aliases]) this.addName(n, idx, false);
    for (const a of c.bankAccounts) push(this.byAccount, accountKey(a), idx);
    return idx;
  }

  private addName(name: string, customer: number, learned: boolean): void {
    const { full, base, raw } = nameKeys(name);
    if (!full) return;
    if (learned) {
      push(this.byLearnedName, full, customer);
      push(this.byLearnedName, base, customer);
    } else {
      push(this.byNameFull, full, customer);
      push(this.byNameBase, base, customer);
    }
    this.names.add(full, customer, learned);
    if (base !== full) this.names.add(base, customer, learned);
    if (raw !== full && raw !== base) this.names.add(raw, customer, learned);
  }

  addLearnedIdentity(li: LearnedPayerIdentity): void {
    const idx = this.customerById.get(li.customerId);
    if (idx === undefined) return; // unknown customer: nothing to learn
    if (li.entity && li.entity !== this.customers[idx]!.entity) return; // learned for another entity
    if (this.identityMemo.size) this.identityMemo.clear(); // (clear() on an empty map still allocates a table)
    if (li.payerAccount) push(this.byLearnedAccount, accountKey(li.payerAccount), idx);
    if (li.payerName) this.addName(li.payerName, idx, true);
  }

  addInvoice(inv: InvoiceInput): number {
    const idx = this.invoices.length;
    let customer = inv.customerId === this.lastCustomer.id ? this.lastCustomer.idx : this.customerById.get(inv.customerId);
    if (customer === undefined) {
      customer = this.addCustomer({ id: inv.customerId, name: "", aliases: [], entity: inv.entity, bankAccounts: [] });
    }
    const keys = readNumber(inv.number);
    const po = inv.poNumber ? inv.poNumber : null;
    const open = parseMoney(inv.openAmount, inv.currency);
    this.invoices.push({
      idx, id: inv.id, number: inv.number, customer, customerId: inv.customerId, entity: inv.entity,
      currency: inv.currency, open, dueDate: inv.dueDate ?? "", po,
      amount: inv.amount === inv.openAmount ? open : parseMoney(inv.amount, inv.currency), issueDate: inv.issueDate ?? "",
      letters: keys ? (keys.letters === this.last.letters ? this.last.letters : this.intern(keys.letters)) : "",
      year: keys?.year ? (keys.year === this.last.year ? this.last.year : this.intern(keys.year)) : null,
      core: keys ? keys.core : -1,
    });
    if (this.invoiceById) this.invoiceById.set(inv.id, idx);
    if (this.invoiceByNumber) push(this.invoiceByNumber, compactNumber(inv.number), idx);
    if (!this.bulk) this.customers[customer]!.invoices.push(idx);
    this.lastCustomer.id = inv.customerId;
    this.lastCustomer.idx = customer;
    if (!this.hasScope(inv.entity, inv.currency)) this.scopeEntities.push(inv.entity), this.scopeCurrencies.push(inv.currency);
    if (keys) {
      if (keys.digits === null) this.byDigits.addNumber(keys.digitsValue, idx);
      else this.byDigits.add(keys.digits, idx);
      // (sets of few values: skip the hash when the value repeats the previous invoice's)
      if (keys.letters && keys.letters !== this.last.letters) this.seriesLetters.add((this.last.letters = this.intern(keys.letters)));
      if (keys.year) {
        if (keys.year !== this.last.year) this.years.add((this.last.year = this.intern(keys.year)));
        const w = keys.digitsLength - 4;
        if (w !== this.last.width) this.coreWidths.add((this.last.width = w));
      }
    }
    if (po && !this.byPo.addDigitsOf(po, idx)) {
      const pk = numberKeys(po);
      if (pk) this.byPo.add(pk.digits, idx);
    }
    return idx;
  }

  private interned = new Map<string, string>();

  /** One string object per distinct series prefix / year (they repeat on every invoice). */
  private intern(s: string): string {
    const cur = this.interned.get(s);
    if (cur !== undefined) return cur;
    this.interned.set(s, s);
    return s;
  }

  /** Add many invoices (faster than one by one: per-customer lists are sized once). */
  addInvoices(list: readonly InvoiceInput[]): void {
    const first = this.invoices.length;
    this.bulk = true;
    try {
      for (const inv of list) this.addInvoice(inv);
    } finally {
      this.bulk = false;
    }
    const counts = new Int32Array(this.customers.length);
    for (let i = first; i < this.invoices.length; i++) counts[this.invoices[i]!.customer]!++;
    const fill = new Int32Array(this.customers.length);
    for (let c = 0; c < counts.length; c++) {
      if (!counts[c]) continue;
      const cust = this.customers[c]!;
      fill[c] = cust.invoices.length;
      cust.invoices.length += counts[c]!;
    }
    for (let i = first; i < this.invoices.length; i++) {
      const c = this.invoices[i]!.customer;
      this.customers[c]!.invoices[fill[c]!++] = i;
    }
  }

  /** Customers (idx) whose name or alias key starts with `prefix` (truncated payer names). */
  namesWithPrefix(prefix: string): NameEntry[] {
    return this.names.withPrefix(prefix);
  }

  lookupDigits(d: string): readonly number[] {
    return this.byDigits.get(d);
  }

  /** Invoices numbered `year` + running number `core` (leading zeros as in the index's number widths). */
  lookupYearCore(year: string, core: string, skipWidth = -1): number[] {
    const c = stripZeros(core);
    const out: number[] = [];
    if (c.length > 11 || !allDigits(year) || !allDigits(c)) return out;
    this.collectYearCore(year, Number(c), c.length, skipWidth, out);
    return out;
  }

  /**
   * `lookupYearCore` for a running number given as a Number `n` of `len` digits (typo variants are made as
   * numbers: no strings); hits are appended to `out`, each once.
   */
  collectYearCore(year: string, n: number, len: number, skipWidth: number, out: number[]): void {
    if (len > 11 || !allDigits(year)) return;
    const start = out.length;
    const y = Number(year);
    const widths = this.widthList();
    for (let k = 0; k < widths.length; k++) {
      const w = widths[k]!;
      if (len > w || w === skipWidth || w > 11) continue;
      for (const i of this.byDigits.getNumber(y * POW10[w]! + n)) {
        const inv = this.invoices[i]!;
        if (inv.year === year && inv.core === n && out.indexOf(i, start) < 0) out.push(i);
      }
    }
  }

  /** Invoices whose running number (year dropped) is `core`. */
  lookupCore(core: string): number[] {
    const c = stripZeros(core);
    const out: number[] = [];
    if (c.length <= 11 && allDigits(c)) this.collectCore(Number(c), c.length, out);
    for (const i of this.byDigits.get(c)) if (this.invoices[i]!.year === null) out.push(i);
    return out;
  }

  /** The year-numbered part of `lookupCore` for a running number `n` of `len` digits (≤ 11), appended to `out`. */
  collectCore(n: number, len: number, out: number[]): void {
    const years = this.yearList();
    for (let k = 0; k < years.length; k++) this.collectYearCore(years[k]!, n, len, -1, out);
  }

  // The sets only grow, so a snapshot is current while its length equals the set's size
  // (iterating an array allocates no iterator per lookup).
  private widthSnapshot: number[] = [];
  private yearSnapshot: string[] = [];
  private widthList(): number[] {
    if (this.widthSnapshot.length !== this.coreWidths.size) this.widthSnapshot = [...this.coreWidths];
    return this.widthSnapshot;
  }
  yearList(): readonly string[] {
    if (this.yearSnapshot.length !== this.years.size) this.yearSnapshot = [...this.years];
    return this.yearSnapshot;
  }

  lookupPo(d: string): readonly number[] {
    return this.byPo.get(d);
  }

  /** Are there invoices of this entity in this currency at all? */
  hasScope(entity: string, currency: string): boolean {
    const es = this.scopeEntities;
    for (let k = 0; k < es.length; k++) if (es[k] === entity && this.scopeCurrencies[k] === currency) return true;
    return false;
  }

  invoiceIndex(id: string): number | undefined {
    if (!this.invoiceById) {
      this.invoiceById = new Map();
      for (const inv of this.invoices) this.invoiceById.set(inv.id, inv.idx);
    }
    return this.invoiceById.get(id);
  }

  /**
   * Invoices whose number is `printed` as written (case and separators aside): what an advice line names is the
   * invoice's own number, whatever its shape — not every number carries the digits the reference keys need.
   */
  invoicesNumbered(printed: string): readonly number[] {
    if (!this.invoiceByNumber) {
      this.invoiceByNumber = new Map();
      for (const inv of this.invoices) push(this.invoiceByNumber, compactNumber(inv.number), inv.idx);
    }
    return multiGet(this.invoiceByNumber, compactNumber(printed));
  }

  /** Is `customer` (idx) `ancestor` itself or one of its subsidiaries, down the hierarchy? */
  isWithin(customer: number, ancestor: number): boolean {
    let c: number | undefined = customer;
    for (let depth = 0; c !== undefined && depth < 32; depth++) {
      if (c === ancestor) return true;
      const p: string | null = this.customers[c]!.parentId;
      c = p ? this.customerById.get(p) : undefined;
    }
    return false;
  }

  /** The top of a customer's hierarchy (itself when it has no parent). */
  rootOf(customer: number): number {
    let c = customer;
    for (let depth = 0; depth < 32; depth++) {
      const p = this.customers[c]!.parentId;
      const up = p ? this.customerById.get(p) : undefined;
      if (up === undefined) break;
      c = up;
    }
    return c;
  }

  /** Customers (idx) by payer-identification map. */
  customersBy(map: Multi, key: string): readonly number[] {
    return key ? multiGet(map, key) : EMPTY;
  }

  /** Undo an `applied` decision (the receipt is decided again): every named invoice's open amount goes back up. */
  reverseDecision(decision: Decision): void {
    if (decision.outcome !== "applied") return;
    for (const a of decision.applications) {
      const idx = this.invoiceIndex(a.invoice_id);
      if (idx !== undefined) this.invoices[idx]!.open += parseMoney(a.amount, this.invoices[idx]!.currency);
    }
  }

  /** Apply an `applied` decision: every named invoice's open amount goes down by the applied amount. */
  applyDecision(decision: Decision, own?: { invoices: readonly number[]; amounts: readonly bigint[] }): void {
    if (decision.outcome !== "applied") return;
    if (own && own.invoices.length === decision.applications.length) {
      for (let k = 0; k < own.invoices.length; k++) this.invoices[own.invoices[k]!]!.open -= own.amounts[k]!;
      return;
    }
    // A cross-currency decision lowers the invoices by their own currency's amounts (Decision.fx).
    for (const a of decision.fx?.invoice_applications ?? decision.applications) {
      const idx = this.invoiceIndex(a.invoice_id);
      if (idx === undefined) continue;
      const inv = this.invoices[idx]!;
      inv.open -= parseMoney(a.amount, inv.currency);
    }
  }
}

/** An invoice number's keys as the index keeps them: digits as a value (`digits` null) or, past 15, as a string. */
interface ReadNumber extends NumberScan {
  digits: string | null;
}

const read: ReadNumber = { hasDigits: false, digits: null, digitsValue: 0, digitsLength: 0, year: null, core: -1, letters: "" };

/** The keys of an invoice number, or null without digits (one reused record: read it before the next call). */
function readNumber(number: string): ReadNumber | null {
  read.digits = null;
  if (scanNumber(number, read)) return read.hasDigits ? read : null;
  const keys = numberKeys(number);
  if (!keys) return null;
  read.digits = keys.digits;
  read.digitsLength = keys.digits.length;
  read.year = keys.year;
  read.core = keys.core.length <= 15 ? Number(keys.core) : -1;
  read.letters = keys.letters;
  return read;
}

export interface IndexInput {
  customers: readonly CustomerInput[];
  invoices: readonly InvoiceInput[];
  learnedIdentities?: readonly LearnedPayerIdentity[];
}

/** Build the index once; O(customers + invoices). */
export function buildIndex(input: IndexInput): MatchIndex {
  const index = new MatchIndex(input.invoices.length);
  for (const c of input.customers) index.addCustomer(c);
  index.addInvoices(input.invoices);
  for (const li of input.learnedIdentities ?? []) index.addLearnedIdentity(li);
  return index;
}

/** Non-empty and only ASCII digits. */
function allDigits(s: string): boolean {
  if (!s.length) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const compactNumber = (s: string) => s.replace(/[^0-9A-Za-z]+/g, "").toUpperCase();
