// Finds the bank account a statement is for from the account the file names. Banks write one account many ways:
// "DE89 3704 0044 0532 0130 00", "de89370400440532013000", "37040044/0532013000" (MT940 :25: bank code/account),
// "NL12RABO0123456789EUR" (with the currency), a NACHA company identification; so both sides are normalised
// (spaces, dashes and case) and a few spellings of the statement's account are tried against number and IBAN.
export type MatchableAccount = { id: string; accountNumber: string; iban: string | null };

export function normaliseAccount(value: string): string {
  return value.replace(/[\s-]+/g, "").toUpperCase();
}

/** Spellings of a statement's account worth looking up, most specific first. */
export function accountCandidates(raw: string): string[] {
  const whole = normaliseAccount(raw);
  const out = [whole];
  if (/[A-Z]{3}$/.test(whole) && whole.length > 6) out.push(whole.slice(0, -3)); // trailing currency
  const slash = whole.lastIndexOf("/");
  if (slash !== -1) out.push(whole.slice(slash + 1)); // bank code / account number
  for (const c of [...out]) {
    const unpadded = c.replace(/^0+(?=\d)/, "");
    if (unpadded !== c) out.push(unpadded);
  }
  return [...new Set(out.filter(Boolean))];
}

export class AccountMatcher<A extends MatchableAccount> {
  private readonly byKey = new Map<string, A>();

  constructor(accounts: A[]) {
    for (const a of accounts) {
      for (const key of [a.accountNumber, a.iban]) {
        if (!key) continue;
        const n = normaliseAccount(key);
        this.byKey.set(n, a);
        const unpadded = n.replace(/^0+(?=\d)/, "");
        if (!this.byKey.has(unpadded)) this.byKey.set(unpadded, a);
      }
    }
  }

  find(raw: string | null): A | null {
    if (!raw) return null;
    for (const c of accountCandidates(raw)) {
      const hit = this.byKey.get(c);
      if (hit) return hit;
    }
    return null;
  }
}
