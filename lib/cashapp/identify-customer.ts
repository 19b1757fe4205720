// Who paid? Payer account first (the bank's own identifier), then learned identities, then the payer
// name against customer names and aliases (legal forms, case, accents and truncation tolerated).
import { accountKey, nameKeys } from "./normalise.ts";
import type { MatchIndex } from "./index.ts";

export type IdentityMethod =
  | "account"
  | "learned_account"
  | "name"
  | "learned_name"
  | "name_base"
  | "name_prefix"
  | "none";

export interface PayerIdentity {
  /** Candidate customers (idx) in the receipt's entity; exactly one = identified. */
  customers: number[];
  method: IdentityMethod;
  /** Human-readable evidence. */
  detail: string;
}

/** Shortest payer-name key accepted as a truncated prefix of a customer name. */
const MIN_PREFIX = 10;

export function identifyPayer(
  index: MatchIndex,
  receipt: { entity: string; payerName: string; payerAccount?: string | null },
  options: { learned?: boolean; namePrefix?: boolean } = {},
): PayerIdentity {
  // A known account decides at once; otherwise the (memoised) name reading.
  const acct = accountKey(receipt.payerAccount);
  if (acct) {
    const byAcct = index.customersBy(index.byAccount, acct);
    if (byAcct.length) {
      const inE = inEntity(index, receipt.entity, byAcct);
      if (inE.length) return { customers: inE, method: "account", detail: `payer account ${receipt.payerAccount}` };
    }
    if (options.learned !== false) {
      const learned = inEntity(index, receipt.entity, index.customersBy(index.byLearnedAccount, acct));
      if (learned.length) {
        return { customers: learned, method: "learned_account", detail: `payer account ${receipt.payerAccount} (learned)` };
      }
    }
  }
  const key = receipt.entity + "\u0001" + receipt.payerName +
    (options.learned === false ? "\u0001L" : "") + (options.namePrefix === false ? "\u0001P" : "");
  let id = index.identityMemo.get(key) as PayerIdentity | undefined;
  if (id === undefined) {
    if (index.identityMemo.size >= 200_000) index.identityMemo.clear();
    index.identityMemo.set(key, (id = identifyByName(index, receipt, options)));
  }
  return id;
}

function identifyByName(
  index: MatchIndex,
  receipt: { entity: string; payerName: string },
  options: { learned?: boolean; namePrefix?: boolean },
): PayerIdentity {
  const { full, base } = nameKeys(receipt.payerName ?? "");
  if (!full) return { customers: [], method: "none", detail: "no payer name" };
  const byFull = inEntity(index, receipt.entity, index.customersBy(index.byNameFull, full));
  if (byFull.length) return { customers: byFull, method: "name", detail: `payer name "${receipt.payerName}"` };
  if (options.learned !== false) {
    const learned = uniq([...inEntity(index, receipt.entity, index.customersBy(index.byLearnedName, full)), ...inEntity(index, receipt.entity, index.customersBy(index.byLearnedName, base))]);
    if (learned.length) {
      return { customers: learned, method: "learned_name", detail: `payer name "${receipt.payerName}" (learned)` };
    }
  }
  const byBase = uniq([...inEntity(index, receipt.entity, index.customersBy(index.byNameBase, base)), ...inEntity(index, receipt.entity, index.customersBy(index.byNameBase, full))]);
  if (byBase.length) {
    return { customers: byBase, method: "name_base", detail: `payer name "${receipt.payerName}" (legal form aside)` };
  }
  if (options.namePrefix !== false && full.length >= MIN_PREFIX) {
    const hits = uniq(
      index.namesWithPrefix(full).map((e) => e.customer).filter((c) => index.customers[c]!.entity === receipt.entity),
    );
    if (hits.length) {
      return { customers: hits, method: "name_prefix", detail: `payer name "${receipt.payerName.trim()}" (truncated)` };
    }
  }
  return { customers: [], method: "none", detail: `payer "${receipt.payerName}" not known` };
}

function inEntity(index: MatchIndex, entity: string, list: readonly number[]): number[] {
  return list.filter((c) => index.customers[c]!.entity === entity);
}

function uniq(xs: number[]): number[] {
  return [...new Set(xs)];
}
