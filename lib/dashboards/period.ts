// The dashboards' one period: every dashboard covers "the last N days, today included", chosen by one picker
// (?days=) that the tabs carry from page to page. Default 30 days, on every dashboard and its API.
import { z } from "zod";

export const DASHBOARD_DAYS = [7, 14, 30, 60, 90] as const;
export const DASHBOARD_DAYS_DEFAULT = 30;

export const dashboardDays = z.coerce.number().int().min(1).max(90).default(DASHBOARD_DAYS_DEFAULT);

/** The query-string value: the default is left out so default URLs stay clean (and match the server's initial query). */
export function daysParam(days: number): number | undefined {
  return days === DASHBOARD_DAYS_DEFAULT ? undefined : days;
}
