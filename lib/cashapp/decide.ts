// One receipt → one decision. Pure: reads the index (open amounts as they stand) and the duplicate
// ledger; changes neither. The engine applies the decision afterwards.
import { parseMoney } from "./money.ts";
import { identifyPayer } from "./identify-customer.ts";
import { extractReferenceChains } from "./extract-references.ts";
import { resolveChains } from "./resolve-references.ts";
import { decideByReference, decideExactReference } from "./decide-reference.ts";
import { decideByAmount } from "./decide-amount.ts";
import { decideWithAdvice, type LinkedAdvice } from "./decide-advice.ts";
import { exceptionDecision, type DecideContext } from "./outcome.ts";
import type { MatchIndex } from "./index.ts";
import type { DuplicateLedger } from "./duplicates.ts";
import type { MatchPolicy } from "./policy.ts";
import type { Decision, ReceiptInput } from "./types.ts";

/**
 * `advice`: the remittance advice linked to this receipt; its lines then decide, not the bank's remittance text.
 * An advice without lines (a payment notice) says nothing about invoices: the receipt is decided as before.
 * Every decision made with an advice carries its payment reference (`remittance`) and `deductions`.
 */
export function decide(index: MatchIndex, receipt: ReceiptInput, policy: MatchPolicy, ledger?: DuplicateLedger, advice?: LinkedAdvice): Decision {
  const d = decidePlainOrAdvice(index, receipt, policy, ledger, advice);
  if (!advice || d.remittance !== undefined) return d;
  return { ...d, deductions: [], remittance: advice.advice.payment_reference };
}

function decidePlainOrAdvice(index: MatchIndex, receipt: ReceiptInput, policy: MatchPolicy, ledger?: DuplicateLedger, advice?: LinkedAdvice): Decision {
  const s = policy.strategies;
  const payer = identifyPayer(index, receipt, { learned: s.learnedIdentities, namePrefix: s.namePrefix });
  const ctx: DecideContext = { index, policy, receipt, amount: parseMoney(receipt.amount, receipt.currency), payer };

  if (s.duplicateDetection && ledger) {
    const earlier = ledger.earlier(receipt);
    if (earlier !== undefined && earlier !== receipt.id) { // (a receipt decided again is not its own duplicate)
      return exceptionDecision(ctx, "DUPLICATE", [], 0.99, [
        `same bank reference ${receipt.bankReference}, amount, value date and payer as receipt ${earlier}`,
      ]);
    }
  }
  if (ctx.amount <= 0n) {
    return exceptionDecision(ctx, "UNIDENTIFIED", [], 0.9, ["receipt amount is not positive"]);
  }
  if (advice && advice.advice.lines.length) return decideWithAdvice(ctx, advice);
  const notes: string[] = [];
  if (s.reference && receipt.remittance) {
    const fast = decideExactReference(ctx, receipt.remittance, notes);
    if (fast) return fast;
    const chains = extractReferenceChains(receipt.remittance);
    if (chains.length) {
      const mentions = resolveChains(index, chains, { partialReference: s.partialReference, poNumber: s.poNumber });
      const d = decideByReference(ctx, mentions, notes);
      if (d) return d;
    }
  }
  return decideByAmount(ctx, notes);
}
