// Presentation formatting shared by the cockpit pages. Amounts arrive as decimal strings and are formatted as
// strings (thousands separators), never through a float; times are shown in UTC, the clock every figure uses.

/** "1234567.5" → "1,234,567.5" (string only). */
export function formatAmount(decimal: string): string {
  const negative = decimal.startsWith("-");
  const [whole, frac] = decimal.replace(/^[-+]/, "").split(".");
  const grouped = (whole ?? "0").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "−" : ""}${grouped}${frac !== undefined ? `.${frac}` : ""}`;
}

export function formatMoney(decimal: string | null | undefined, currency: string): string {
  return decimal === null || decimal === undefined ? "—" : `${currency} ${formatAmount(decimal)}`;
}

/** For chart geometry only (bar heights, line points): never for arithmetic on money. */
export function chartNumber(decimal: string): number {
  return Number(decimal);
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.round(s % 60)).padStart(2, "0")}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, "0")}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

export function formatSeconds(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? "—" : formatDuration(seconds * 1000);
}

export function formatUtc(iso: string | null | undefined, withSeconds = false, suffix = true): string {
  if (!iso) return "—";
  return `${iso.slice(0, 10)} ${iso.slice(11, withSeconds ? 19 : 16)}${suffix ? " UTC" : ""}`;
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
