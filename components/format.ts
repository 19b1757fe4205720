// THE presentation formatting of the cockpit: every page and component formats money, durations, dates, counts
// and codes through these functions, so a figure reads the same everywhere. Amounts arrive as decimal strings
// and are formatted as strings (never through a float); times are shown in UTC, the clock every figure uses.
// (components/ui/format.ts only re-exports these under older names.)

/** "1234567.5" → "1,234,567.5" (string only; "−" for negatives). */
export function formatAmount(decimal: string): string {
  const negative = decimal.startsWith("-");
  const [whole, frac] = decimal.replace(/^[-+]/, "").split(".");
  const grouped = (whole ?? "0").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "−" : ""}${grouped}${frac !== undefined ? `.${frac}` : ""}`;
}

/** "811074.44", "EUR" → "EUR 811,074.44": the only way money is shown. */
export function formatMoney(decimal: string | null | undefined, currency: string | null | undefined): string {
  if (decimal === null || decimal === undefined || decimal === "" || !currency) return "—";
  return `${currency} ${formatAmount(decimal)}`;
}

/** For chart geometry only (bar heights, line points): never for arithmetic on money. */
export function chartNumber(decimal: string): number {
  return Number(decimal);
}

/** The one duration style: 850 ms · 12 s · 4 min · 3 h 12 min · 1 d 4 h (days from 24 h on). */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return "—";
  const sign = ms < 0 ? "−" : "";
  const a = Math.abs(ms);
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  const s = Math.floor(a / 1000);
  if (s < 60) return `${sign}${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${sign}${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${sign}${h} h${m % 60 ? ` ${m % 60} min` : ""}`;
  return `${sign}${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ""}`;
}

/** Whole days (an age counted in calendar days, like the aging buckets): "8 d". */
export function formatDays(days: number): string {
  return `${days} d`;
}

export function formatSeconds(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? "—" : formatDuration(seconds * 1000);
}

/** "due in 5 h" / "overdue 2 d 3 h", relative to a fixed instant (the data's asOf). */
export function slaText(slaDueAt: string, asOf: string): { text: string; overdue: boolean } {
  const diff = new Date(slaDueAt).getTime() - new Date(asOf).getTime();
  return diff < 0 ? { text: `overdue ${formatDuration(-diff)}`, overdue: true } : { text: `due in ${formatDuration(diff)}`, overdue: false };
}

export function formatUtc(iso: string | null | undefined, withSeconds = false, suffix = true): string {
  if (!iso) return "—";
  return `${iso.slice(0, 10)} ${iso.slice(11, withSeconds ? 19 : 16)}${suffix ? " UTC" : ""}`;
}

/** "2026-11-27 14:38" (UTC, no suffix: for tables whose header says UTC). */
export function formatDateTime(iso: string | null | undefined): string {
  return formatUtc(iso, false, false);
}

export function formatTimeUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  return ratio === null || ratio === undefined ? "—" : `${(ratio * 100).toFixed(digits)} %`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** "2026-11-27" → "27 Nov" for chart axes. */
export function shortDate(date: string): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${Number(date.slice(8, 10))} ${months[Number(date.slice(5, 7)) - 1]}`;
}

/** SHORT_PAY → "short pay": enum values in running text. */
export const humanize = (s: string) => s.toLowerCase().replaceAll("_", " ");

/** Reason codes (write-offs, deductions, returns) by the label an analyst reads. */
export const REASON_LABELS: Record<string, string> = {
  bank_charge: "Bank charge", small_balance: "Small balance", discount: "Early-payment discount", small_overpayment: "Small overpayment",
  dispute: "Dispute", discount_taken: "Discount taken", freight: "Freight", tax: "Tax",
};

export function reasonLabel(code: string | null | undefined): string {
  if (!code) return "—";
  return REASON_LABELS[code] ?? humanize(code).replace(/^./, (c) => c.toUpperCase());
}

/** Server-written text (a case's resolution) with "(discount_taken)" shown as "(Discount taken)". */
export function withReasonLabels(text: string): string {
  return text.replace(/\(([a-z]+(?:_[a-z]+)+|[a-z]+)\)/g, (all, code: string) => (REASON_LABELS[code] ? `(${REASON_LABELS[code]})` : all));
}

/** Compact money for chart axes: "€"-free, unit in the axis label: 1.2M, 850k. */
export function compactAmount(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(0)}k`;
  return String(Math.round(v));
}
