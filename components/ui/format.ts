// Presentation helpers shared by the cockpit's client components. Deterministic (UTC) so server and browser render
// the same text during hydration.
import { formatMoney, toMinor } from "@/lib/money/money.ts";

export function money(amount: string | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined || !currency) return "—";
  try { return formatMoney(toMinor(amount, currency), currency); } catch { return `${currency} ${amount}`; }
}

export function dateTime(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 16).replace("T", " ")}` : "—";
}

/** 850 ms · 12 s · 4 min · 3 h 12 min · 2 d 4 h */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  const a = Math.abs(ms);
  if (a < 1000) return `${Math.round(a)} ms`;
  const s = Math.floor(a / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h${m % 60 ? ` ${m % 60} min` : ""}`;
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ""}`;
}

/** "due in 5 h" / "overdue 2 d 3 h", relative to a fixed instant (the data's asOf). */
export function slaText(slaDueAt: string, asOf: string): { text: string; overdue: boolean } {
  const diff = new Date(slaDueAt).getTime() - new Date(asOf).getTime();
  return diff < 0 ? { text: `overdue ${duration(-diff)}`, overdue: true } : { text: `due in ${duration(diff)}`, overdue: false };
}

export const humanize = (s: string) => s.toLowerCase().replaceAll("_", " ");
