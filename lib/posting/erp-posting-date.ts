// Pure: the date a receipt is posted with in the ERP, from the ERP's accounting periods. A value date inside an open
// period (or outside every period the ERP reports) posts as it is; inside a closed period it moves to the first day
// of the next open period, and the caller records why (audit row, timeline event). No open period after it is a
// refusal a person resolves (open a period in the ERP, then retry) — never a silent posting into a closed period.
import type { ErpPeriod } from "../erp/adapter.ts";
import { ErpPermanentError } from "../erp/errors.ts";

export type PostingDate = { date: string; moved?: { from: string; closedPeriod: string; openPeriod: string } };

/** `periods` null: the ERP (adapter) reports no periods: post on the value date. Dates are YYYY-MM-DD. */
export function erpPostingDate(valueDate: string, periods: ErpPeriod[] | null): PostingDate {
  if (!periods) return { date: valueDate };
  const inside = periods.find((p) => p.start <= valueDate && valueDate <= p.end);
  if (!inside || inside.open) return { date: valueDate };
  const next = periods.filter((p) => p.open && p.start > inside.end).sort((a, b) => a.start.localeCompare(b.start))[0];
  if (!next) {
    throw new ErpPermanentError("invalid_posting", `the ERP period ${inside.name} (${inside.start} to ${inside.end}) holding value date ${valueDate} is closed and no later period is open; open one in the ERP, then retry the posting`);
  }
  return { date: next.start, moved: { from: valueDate, closedPeriod: inside.name, openPeriod: next.name } };
}
