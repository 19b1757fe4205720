// Scoring decisions against labelled truth, as defined in the `cashline match` contract.
import type { ExceptionCode } from "./types.ts";

export interface TruthRecord {
  receipt_id: string;
  expect: "applied" | "exception";
  applications: { invoice_id: string; amount: string }[];
  codes: string[];
  scenario?: string;
}

export interface ScoredDecision {
  receipt_id: string;
  outcome: "applied" | "exception";
  applications: { invoice_id: string; amount: string }[];
  exception_code: ExceptionCode | string | null;
}

export interface Score {
  receipts: number;
  autoApplied: number;
  correctApplied: number;
  expectApplied: number;
  expectException: number;
  /** Of the auto-applied, the share whose applications are exactly right. */
  precision: number;
  /** Of the receipts expected applied, the share auto-applied correctly. */
  automation: number;
  /** Of the receipts expected to be exceptions, the share not auto-applied. */
  exceptionRecall: number;
  /** Of the receipts expected to be exceptions, the share with an allowed exception code. */
  codeAccuracy: number;
  /** Per scenario: [receipts, handled as expected]. */
  byScenario: Record<string, { n: number; ok: number }>;
  /** Receipt ids of wrong auto-applications. */
  wrongApplied: string[];
}

/** "1655.050" → "1655.05", "007" → "7": compare decimal strings by value. */
export function normDecimal(s: string): string {
  let [i = "0", f = ""] = s.trim().replace(/^\+/, "").split(".");
  const neg = i.startsWith("-");
  i = i.replace(/^-/, "").replace(/^0+(?=\d)/, "");
  f = f.replace(/0+$/, "");
  return `${neg ? "-" : ""}${i}${f ? "." + f : ""}`;
}

/** Equal decimal strings by value; the common case, identical text, allocates nothing. */
function sameDecimal(a: string, b: string): boolean {
  return a === b || normDecimal(a) === normDecimal(b);
}

function sameApplications(a: ScoredDecision["applications"], b: TruthRecord["applications"]): boolean {
  if (a.length !== b.length) return false;
  // Most receipts pay one invoice: compare it in place. Scoring runs inside the timed loop of bench:match, so
  // its garbage would be collected on the engine's time.
  if (a.length === 1) return a[0]!.invoice_id === b[0]!.invoice_id && sameDecimal(a[0]!.amount, b[0]!.amount);
  const key = (x: { invoice_id: string; amount: string }) => `${x.invoice_id}=${normDecimal(x.amount)}`;
  const sa = a.map(key).sort();
  const sb = b.map(key).sort();
  return sa.every((v, k) => v === sb[k]);
}

/** Scores decisions one at a time (nothing retained but counters), e.g. while a stream is processed. */
export class ScoreAccumulator {
  private autoApplied = 0;
  private correctApplied = 0;
  private expectApplied = 0;
  private expectException = 0;
  private notApplied = 0;
  private rightCode = 0;
  private receipts = 0;
  private byScenario: Score["byScenario"] = {};
  private wrongApplied: string[] = [];

  add(d: ScoredDecision | undefined, t: TruthRecord): void {
    this.receipts++;
    const applied = d?.outcome === "applied";
    const correct = applied && t.expect === "applied" && sameApplications(d!.applications, t.applications);
    if (applied) {
      this.autoApplied++;
      if (correct) this.correctApplied++;
      else this.wrongApplied.push(t.receipt_id);
    }
    let ok: boolean;
    if (t.expect === "applied") {
      this.expectApplied++;
      ok = correct;
    } else {
      this.expectException++;
      if (!applied) this.notApplied++;
      const codeOk = !applied && d !== undefined && t.codes.includes(String(d.exception_code));
      if (codeOk) this.rightCode++;
      ok = codeOk;
    }
    const s = (this.byScenario[t.scenario ?? "all"] ??= { n: 0, ok: 0 });
    s.n++;
    if (ok) s.ok++;
  }

  result(): Score {
    const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
    return {
      receipts: this.receipts, autoApplied: this.autoApplied, correctApplied: this.correctApplied,
      expectApplied: this.expectApplied, expectException: this.expectException,
      precision: ratio(this.correctApplied, this.autoApplied),
      automation: ratio(this.correctApplied, this.expectApplied),
      exceptionRecall: ratio(this.notApplied, this.expectException),
      codeAccuracy: ratio(this.rightCode, this.expectException),
      byScenario: this.byScenario, wrongApplied: this.wrongApplied,
    };
  }
}

export function scoreDecisions(decisions: readonly ScoredDecision[], truth: readonly TruthRecord[]): Score {
  const byId = new Map(decisions.map((d) => [d.receipt_id, d]));
  const acc = new ScoreAccumulator();
  for (const t of truth) acc.add(byId.get(t.receipt_id), t);
  return acc.result();
}

export function formatScore(label: string, s: Score): string {
  const pct = (x: number) => (x * 100).toFixed(2) + "%";
  const lines = [
    `${label}: ${s.receipts} receipts, ${s.autoApplied} auto-applied`,
    `  precision ${pct(s.precision)}  automation ${pct(s.automation)}  exception recall ${pct(s.exceptionRecall)}  code accuracy ${pct(s.codeAccuracy)}`,
  ];
  for (const [k, v] of Object.entries(s.byScenario).sort()) lines.push(`    ${k.padEnd(26)} ${v.ok}/${v.n}`);
  return lines.join("\n");
}
