// The simulated bank's day, as a pure state machine: each call to `nextDrop` is one file landing in the drop
// folder, in a fixed rotation — a camt.053 for a EUR account, a BAI2 report for the USD accounts, an MT942
// intraday report then the MT940 of the day for a GBP account (overlapping lines), NACHA returns of earlier ACH
// credits. Each account runs on its own day: statements open on the previous closing balance (no false gaps);
// once an account's day is today, later statements of that day are cumulative re-sends (their lines overlap).
// Customers pay open invoices, with remittance and name noise; a few wires lose a bank charge on the way.
import type { Rng } from "../demo/prng.ts";
import { noisyPayerName, noisyRemittance } from "./remittance-noise.ts";
import type { SimChannel, SimLine, SimStatement } from "./types.ts";
import { writeBai2 } from "./write-bai2.ts";
import { writeCamt053 } from "./write-camt053.ts";
import { writeMt940, writeMt942 } from "./write-mt94x.ts";
import { writeNachaReturns, type NachaItem } from "./write-nacha.ts";

export type SimAccount = { id: string; entity: string; currency: string; accountNumber: string; iban: string | null; name: string; lastClosingMinor: bigint | null; lastClosingDate: string | null };
export type SimInvoice = { number: string; entity: string; currency: string; openMinor: bigint; customerName: string; payerAccount: string | null };
export type Drop = { filename: string; content: string; kind: string; account: string; lines: number };

type Day = { date: string; openingMinor: bigint; lines: SimLine[]; sentToMt942: number };
type AchCredit = { trace: string; amountMinor: bigint; payer: string; account: string };

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const nextDay = (date: string) => iso(Date.parse(`${date}T00:00:00Z`) + DAY);

export class BankSimulator {
  private readonly days = new Map<string, Day>();
  private readonly achCredits: AchCredit[] = [];
  private readonly returned = new Set<string>();
  private readonly used = new Set<string>();
  private step = 0;
  private seq = 0;

  /** `run` (0–999) keeps this run's references apart from earlier runs'. */
  constructor(private readonly rng: Rng, private readonly accounts: SimAccount[], private readonly invoices: SimInvoice[], private readonly today: string, private readonly run: number) {}

  private day(a: SimAccount): Day {
    let d = this.days.get(a.id);
    if (!d) {
      const last = a.lastClosingDate;
      d = { date: last && last < this.today ? nextDay(last) : this.today, openingMinor: a.lastClosingMinor ?? 25_000_000n, lines: [], sentToMt942: 0 };
      this.days.set(a.id, d);
    }
    return d;
  }

  /** Close the day when it is behind today (the next file is the next day); today stays open (re-sends). */
  private roll(a: SimAccount, d: Day) {
    if (d.date >= this.today) return;
    this.days.set(a.id, { date: nextDay(d.date), openingMinor: d.openingMinor + d.lines.reduce((s, l) => s + l.amountMinor, 0n), lines: [], sentToMt942: 0 });
  }

  private ref(prefix: string) {
    return `${prefix}${String(this.run).padStart(3, "0")}${String(++this.seq).padStart(6, "0")}`;
  }

  private payments(a: SimAccount, d: Day, count: number, channels: SimChannel[]): SimLine[] {
    const open = this.invoices.filter((i) => i.entity === a.entity && i.currency === a.currency && !this.used.has(i.number));
    const lines: SimLine[] = [];
    for (let k = 0; k < count && open.length > 0; k++) {
      const inv = open.splice(this.rng.int(0, open.length - 1), 1)[0]!;
      this.used.add(inv.number);
      const pair = this.rng.chance(0.12) ? open.find((o) => o.customerName === inv.customerName) : undefined;
      if (pair) { open.splice(open.indexOf(pair), 1); this.used.add(pair.number); }
      let amount = inv.openMinor + (pair?.openMinor ?? 0n);
      const channel = this.rng.pick(channels);
      if (channel === "WIRE" && this.rng.chance(0.3)) amount -= 1500n; // intermediary bank charge
      else if (this.rng.chance(0.08)) amount = (amount * 95n) / 100n; // short pay
      // An ACH credit's reference is its 15-digit trace number (what a NACHA return quotes back).
      const bankReference = channel === "ACH" ? this.ref("021000") : this.ref("SIM");
      lines.push({
        amountMinor: amount, valueDate: d.date, bankReference, customerReference: `E2E${this.rng.int(100000, 999999)}`, channel,
        counterpartyName: noisyPayerName(this.rng, inv.customerName), counterpartyAccount: inv.payerAccount ?? undefined,
        remittance: noisyRemittance(this.rng, pair ? [inv.number, pair.number] : [inv.number]),
      });
      if (channel === "ACH") this.achCredits.push({ trace: bankReference, amountMinor: amount, payer: inv.customerName, account: a.id });
    }
    if (this.rng.chance(0.5)) lines.push({ amountMinor: -BigInt(this.rng.int(500, 250_000)), valueDate: d.date, bankReference: this.ref("FEE"), remittance: "Account maintenance fee", channel: channels[0]! });
    return lines;
  }

  private statement(a: SimAccount, d: Day, id: string): SimStatement {
    return { id, account: a.iban ?? a.accountNumber, currency: a.currency, openingMinor: d.openingMinor, openingDate: d.date, closingDate: d.date, lines: d.lines };
  }

  nextDrop(): Drop | null {
    for (let attempt = 0; attempt < 5; attempt++) {
      const drop = this.tryDrop(this.step++ % 5);
      if (drop) return drop;
    }
    return null;
  }

  private tryDrop(kind: number): Drop | null {
    const stamp = `${this.today}T${new Date().toISOString().slice(11, 19)}`;
    if (kind === 0) {
      const a = this.accounts.find((x) => x.currency === "EUR" && x.iban);
      if (!a) return null;
      const d = this.day(a);
      d.lines.push(...this.payments(a, d, this.rng.int(3, 7), ["SEPA", "SEPA", "WIRE"]));
      const content = writeCamt053([this.statement(a, d, `${a.accountNumber}-${d.date}`)], { messageId: this.ref("CAMT"), createdAt: stamp });
      this.roll(a, d);
      return { filename: `${a.accountNumber}_${d.date}_${this.seq}.camt053.xml`, content, kind: "camt.053", account: a.name, lines: d.lines.length };
    }
    if (kind === 1) {
      // One BAI2 group has one as-of date: the USD accounts on the same day as the first go in this file.
      const usd = this.accounts.filter((x) => x.currency === "USD" && !x.iban);
      if (usd.length === 0) return null;
      const asOf = this.day(usd[0]!).date;
      const statements = usd.filter((a) => this.day(a).date === asOf).map((a) => {
        const d = this.day(a);
        d.lines.push(...this.payments(a, d, this.rng.int(2, 6), ["ACH", "ACH", "WIRE", "CHECK"]));
        return { a, d, s: this.statement(a, d, `${a.accountNumber}-${d.date}`) };
      });
      const content = writeBai2(statements.map((x) => x.s), { fileId: String(this.seq), sender: "021000021", receiver: "CASHLINE", asOf, createdAt: stamp });
      for (const x of statements) this.roll(x.a, x.d);
      return { filename: `prevday_${asOf}_${this.seq}.bai`, content, kind: "bai2", account: statements.map((x) => x.a.name).join(", "), lines: statements.reduce((n, x) => n + x.d.lines.length, 0) };
    }
    const gbp = this.accounts.find((x) => x.currency === "GBP");
    if (kind === 2 && gbp) {
      const d = this.day(gbp);
      d.lines.push(...this.payments(gbp, d, this.rng.int(2, 4), ["WIRE", "SEPA"]));
      const fresh = d.lines.slice(d.sentToMt942);
      d.sentToMt942 = d.lines.length;
      const content = writeMt942({ ...this.statement(gbp, d, this.ref("942")), lines: fresh }, `${d.date}T${stamp.slice(11, 16)}:00+00:00`);
      return { filename: `${gbp.accountNumber}_${d.date}_${this.seq}.mt942`, content, kind: "mt942", account: gbp.name, lines: fresh.length };
    }
    if (kind === 3 && gbp) {
      const d = this.day(gbp);
      d.lines.push(...this.payments(gbp, d, this.rng.int(1, 2), ["WIRE"]));
      const content = writeMt940(this.statement(gbp, d, `${gbp.accountNumber.slice(-8)}${d.date.replaceAll("-", "")}`));
      this.roll(gbp, d);
      return { filename: `${gbp.accountNumber}_${d.date}_${this.seq}.mt940`, content, kind: "mt940", account: gbp.name, lines: d.lines.length };
    }
    if (kind === 4) return this.returns();
    return null;
  }

  /** ACH credits of earlier files come back (insufficient funds, account closed…) in a NACHA return file. */
  private returns(): Drop | null {
    const candidates = this.achCredits.filter((c) => !this.returned.has(c.trace));
    if (candidates.length === 0) return null;
    const picked = candidates.slice(0, this.rng.int(1, Math.min(2, candidates.length)));
    const byAccount = new Map<string, AchCredit[]>();
    for (const c of picked) byAccount.set(c.account, [...(byAccount.get(c.account) ?? []), c]);
    const batches = [...byAccount].map(([accountId, credits]) => {
      const a = this.accounts.find((x) => x.id === accountId)!;
      const items: NachaItem[] = credits.map((c) => {
        this.returned.add(c.trace);
        return { code: this.rng.pick(["R01", "R01", "R02", "R03", "R10"]), amountMinor: c.amountMinor, originalTrace: c.trace, name: c.payer.toUpperCase(), routing: "021000021", account: String(this.rng.int(10_000_000, 99_999_999)) };
      });
      return { companyName: a.name, companyId: a.accountNumber.replace(/^0+/, "").slice(-10), effectiveDate: this.today, items };
    });
    const content = writeNachaReturns(batches, { odfi: "091000019", createdAt: `${this.today}T${new Date().toISOString().slice(11, 19)}`, traceStart: this.seq * 10 });
    this.seq++;
    return { filename: `returns_${this.today}_${this.seq}.ach`, content, kind: "nacha", account: batches.map((b) => b.companyName).join(", "), lines: picked.length };
  }
}

