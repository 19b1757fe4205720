// Generator state: open amounts as the labelled stream goes (an applied receipt clears its invoices),
// and the checks that keep the labels honest (unique amount fits, typo neighbourhoods).
import { digitVariants } from "../cashapp/invoice-keys.ts";
import type { GeneratedCustomer, GeneratedInvoice } from "./generate-master.ts";
import type { Rng } from "./prng.ts";

const digitsOf = (s: string) => s.replace(/\D/g, "").replace(/^0+/, "");

export class GenState {
  readonly byCustomer: number[][];
  private open: number[] = [];
  private openPos = new Map<number, number>();
  readonly paid: number[] = [];
  readonly byDigits = new Map<string, number[]>();
  readonly byCore = new Map<string, number[]>();

  constructor(readonly customers: readonly GeneratedCustomer[], readonly invoices: GeneratedInvoice[]) {
    this.byCustomer = customers.map(() => []);
    invoices.forEach((inv, i) => {
      this.byCustomer[inv.customerIdx]!.push(i);
      if (inv.openMinor > 0n) this.addOpen(i);
      else this.paid.push(i);
      const d = digitsOf(inv.number);
      (this.byDigits.get(d) ?? this.byDigits.set(d, []).get(d)!).push(i);
      const core = String(inv.seq);
      (this.byCore.get(core) ?? this.byCore.set(core, []).get(core)!).push(i);
    });
  }

  private addOpen(i: number) {
    this.openPos.set(i, this.open.length);
    this.open.push(i);
  }

  randomOpen(rng: Rng): number | null {
    return this.open.length ? rng.pick(this.open) : null;
  }

  /** Clear an invoice (an applied receipt paid it in full). */
  settle(i: number): void {
    this.invoices[i]!.openMinor = 0n;
    const p = this.openPos.get(i);
    if (p === undefined) return;
    const last = this.open.pop()!;
    if (last !== i) {
      this.open[p] = last;
      this.openPos.set(last, p);
    }
    this.openPos.delete(i);
    this.paid.push(i);
  }

  openOf(customer: number): number[] {
    return this.byCustomer[customer]!.filter((i) => this.invoices[i]!.openMinor > 0n);
  }

  /** Number of distinct sets (up to `maxSize` invoices) of these invoices whose open total is exactly `amount` (stops at `limit`). */
  countExactSets(invoices: readonly number[], amount: bigint, maxSize = 5, limit = 2): number {
    const vals = invoices.map((i) => this.invoices[i]!.openMinor).filter((v) => v > 0n).sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
    let count = 0;
    const dfs = (start: number, sum: bigint, size: number): boolean => {
      for (let i = start; i < vals.length; i++) {
        const s = sum + vals[i]!;
        if (s > amount) continue;
        if (s === amount && ++count >= limit) return true;
        if (size + 1 < maxSize && dfs(i + 1, s, size + 1)) return true;
      }
      return false;
    };
    dfs(0, 0n, 0);
    return count;
  }

  /**
   * Is a typo'd reference still unambiguous? It must not itself be an existing number (in any spelling
   * the year/zeros-dropped reading could take), and no other open invoice of the entity one typo away
   * from it may have the same open amount.
   */
  typoIsClean(typo: string, inv: GeneratedInvoice): boolean {
    const d = digitsOf(typo);
    const groups = typo.match(/\d+/g) ?? [];
    const core = String(Number(groups[groups.length - 1] ?? "0"));
    if (this.byDigits.has(d)) return false;
    if (groups.length > 1 && this.byCore.get(core)?.some((j) => this.invoices[j]!.year === Number(groups[0]))) return false;
    const near = new Set<number>();
    for (const v of digitVariants(d)) for (const j of this.byDigits.get(v.replace(/^0+/, "")) ?? []) near.add(j);
    for (const v of digitVariants(core)) for (const j of this.byCore.get(v.replace(/^0+/, "")) ?? []) near.add(j);
    for (const j of near) {
      const o = this.invoices[j]!;
      if (o === inv || o.entity !== inv.entity || o.openMinor <= 0n) continue;
      if (o.openMinor === inv.openMinor) return false;
    }
    return true;
  }
}
