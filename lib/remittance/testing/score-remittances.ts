// Scoring decisions made with remittances: the contract's precision / automation / exception recall / code
// accuracy (lib/cashapp/scoring.ts), plus every deduction carried with its right invoice, amount and reason.
import { normDecimal, scoreDecisions, type Score } from "../../cashapp/scoring.ts";
import type { Decision } from "../../cashapp/types.ts";
import type { GeneratedPayment } from "./generate-remittances.ts";

export interface RemitScore extends Score {
  deductionsExpected: number;
  deductionsRight: number;
  /** Deductions on auto-applied receipts that the truth does not have (or with another reason / amount). */
  deductionsWrong: number;
  remittanceAttached: number;
  remittanceExpected: number;
}

export function scoreRemittances(decisions: ReadonlyMap<string, Decision>, payments: readonly GeneratedPayment[]): RemitScore {
  const list = payments.map((p) => decisions.get(p.receipt.id)!).filter(Boolean);
  const base = scoreDecisions(list, payments.map((p) => p.truth));
  let deductionsExpected = 0, deductionsRight = 0, deductionsWrong = 0, remittanceAttached = 0, remittanceExpected = 0;
  const key = (d: { invoice_id: string; amount: string; reason: string }) => `${d.invoice_id}|${normDecimal(d.amount)}|${d.reason}`;
  for (const p of payments) {
    const d = decisions.get(p.receipt.id);
    const want = p.truth.deductions.map(key);
    const got = (d?.outcome === "applied" ? d.deductions ?? [] : []).map(key);
    deductionsExpected += want.length;
    const left = [...got];
    for (const w of want) {
      const i = left.indexOf(w);
      if (i >= 0) deductionsRight++, left.splice(i, 1);
    }
    deductionsWrong += left.length;
    if (p.truth.remittance) {
      remittanceExpected++;
      if (d?.remittance === p.truth.remittance) remittanceAttached++;
    }
  }
  return { ...base, deductionsExpected, deductionsRight, deductionsWrong, remittanceAttached, remittanceExpected };
}

export function formatRemitScore(label: string, s: RemitScore): string {
  const pct = (x: number) => (x * 100).toFixed(2) + "%";
  const lines = [
    `${label}: ${s.receipts} receipts — precision ${pct(s.precision)} (${s.correctApplied}/${s.autoApplied}), automation ${pct(s.automation)}, ` +
      `exception recall ${pct(s.exceptionRecall)}, code accuracy ${pct(s.codeAccuracy)}`,
    `  deductions carried with the right invoice, amount and reason: ${s.deductionsRight}/${s.deductionsExpected} (wrong or extra: ${s.deductionsWrong}); ` +
      `advice attached: ${s.remittanceAttached}/${s.remittanceExpected}`,
  ];
  for (const [k, v] of Object.entries(s.byScenario).sort()) lines.push(`    ${k.padEnd(24)} ${v.ok}/${v.n}`);
  return lines.join("\n");
}
