// Close readiness per legal entity, computed from live state: what still blocks signing off the period.
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";

export type ChecklistItem = { key: string; label: string; count: number; amounts: { currency: string; amount: string }[]; href: string };
export type EntityChecklist = { entity: string; name: string; items: ChecklistItem[]; blocking: number };

export async function getCloseChecklist(): Promise<EntityChecklist[]> {
  const entities = await db.legalEntity.findMany({ orderBy: { code: "asc" } });
  const rows = await db.$queryRaw<{ entityId: string; key: string; currency: string | null; n: bigint; total: bigint | null }[]>`
    select "entityId", 'unapplied' as key, currency, count(*)::bigint as n, sum("unappliedMinor")::bigint as total
      from "Receipt" where "unappliedMinor" > 0 group by 1, 3
    union all
    select "entityId", 'unposted', currency, count(*)::bigint, sum("amountMinor")::bigint
      from "Receipt" where "postedAt" is null and state not in ('DUPLICATE', 'RETURNED') group by 1, 3
    union all
    select "entityId", case when code = 'CHARGEBACK' then 'chargebacks' when code = 'POSTING_FAILED' then 'failed_postings'
                             when code in ('STATEMENT_GAP', 'BALANCE_MISMATCH') then 'statement_gaps' else 'open_exceptions' end,
           currency, count(*)::bigint, sum("amountMinor")::bigint
      from "ExceptionCase" where status not in ('RESOLVED', 'CANCELLED') group by 1, 2, 3
    union all
    select ba."entityId", 'unreconciled', bt.currency, count(*)::bigint, sum(bt."amountMinor")::bigint
      from "BankTransaction" bt join "BankAccount" ba on ba.id = bt."bankAccountId" where not bt.reconciled group by 1, 3`;
  const LABELS: [string, string, string][] = [
    ["unreconciled", "Bank lines not reconciled", "/cash"],
    ["unapplied", "Unapplied cash", "/payments?state=UNIDENTIFIED"],
    ["unposted", "Receipts not yet posted to the ERP", "/payments"],
    ["open_exceptions", "Open exceptions", "/exceptions"],
    ["chargebacks", "Open chargebacks", "/exceptions?code=CHARGEBACK"],
    ["failed_postings", "Failed postings", "/exceptions?code=POSTING_FAILED"],
    ["statement_gaps", "Statement gaps and balance mismatches", "/exceptions?code=STATEMENT_GAP"],
  ];
  return entities.map((e) => {
    const mine = rows.filter((r) => r.entityId === e.id);
    const items = LABELS.map(([key, label, href]) => {
      const r = mine.filter((x) => x.key === key);
      return {
        key, label, href,
        count: r.reduce((s, x) => s + Number(x.n), 0),
        amounts: r.filter((x) => x.currency && x.total !== null).map((x) => ({ currency: x.currency!, amount: fromMinor(x.total!, x.currency!) })),
      };
    });
    return { entity: e.code, name: e.name, items, blocking: items.filter((i) => i.count > 0).length };
  });
}
