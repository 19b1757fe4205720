"use client";
// The dashboards' one period picker (lib/dashboards/period.ts): the same choices and default on every dashboard.
import { DASHBOARD_DAYS } from "@/lib/dashboards/period.ts";

export function PeriodPicker({ days, onChange }: { days: number; onChange: (days: number) => void }) {
  return (
    <label>Period
      <select value={days} onChange={(e) => onChange(Number(e.target.value))} data-testid="period-picker">
        {!(DASHBOARD_DAYS as readonly number[]).includes(days) && <option value={days}>last {days} days</option>}
        {DASHBOARD_DAYS.map((d) => <option key={d} value={d}>last {d} days</option>)}
      </select>
    </label>
  );
}
