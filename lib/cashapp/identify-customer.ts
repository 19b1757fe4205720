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
  // A known account decides at once; otherwise the name reading. Both are memoised per entity and options
  // (payers repeat; the index clears the memo whenever identities change).
  const memo = memoFor(index, receipt.entity, options);
  if (receipt.payerAccount) {
    let byAcct = memo.byAccount.get(receipt.payerAccount);
    if (byAcct === undefined) {
      if (memo.byAccount.size >= MEMO_LIMIT) memo.byAccount.clear();
      memo.byAccount.set(receipt.payerAccount, (byAcct = identifyByAccount(index, receipt, options)));
    }
    if (byAcct) return byAcct;
  }
  let id = memo.byName.get(receipt.payerName);
  if (id === undefined) {
    if (memo.byName.size >= MEMO_LIMIT) memo.byName.clear();
    memo.byName.set(receipt.payerName, (id = identifyByName(index, receipt, options)));
  }
  return id;
}

const MEMO_LIMIT = 200_000;

interface IdentityMemo {
  /** Raw payer account → identity, or null when the account identifies nobody (the name decides). */
  byAccount: Map<string, PayerIdentity | null>;
  /** Raw payer name → identity. */
  byName: Map<string, PayerIdentity>;
}

function memoFor(index: MatchIndex, entity: string, options: { learned?: boolean; namePrefix?: boolean }): IdentityMemo {
  const key = options.learned === false || options.namePrefix === false
    ? entity + "\u0001" + (options.learned === false ? "L" : "") + (options.namePrefix === false ? "P" : "")
    : entity;
  let m = index.identityMemo.get(key) as IdentityMemo | undefined;
  if (m === undefined) index.identityMemo.set(key, (m = { byAccount: new Map(), byName: new Map() }));
  return m;
}

function identifyByAccount(
  index: MatchIndex,
  receipt: { entity: string; payerAccount?: string | null },
  options: { learned?: boolean },
): PayerIdentity | null {
  const acct = accountKey(receipt.payerAccount);
  if (!acct) return null;
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
  return null;
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
