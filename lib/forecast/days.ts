// Whole UTC days as numbers: the forecast's unit of time.
const DAY_MS = 86_400_000;

export function dayOf(d: Date): number {
  return Math.floor(d.getTime() / DAY_MS);
}

export function dayStartMs(day: number): number {
  return day * DAY_MS;
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function parseIsoDay(s: string): number {
  return dayOf(new Date(`${s}T00:00:00Z`));
}
