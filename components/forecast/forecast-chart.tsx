"use client";
// 13 weeks of expected receipts: the P10–P90 band (a ranged area), the P50 line and the expected value.
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ForecastView } from "@/lib/forecast/forecast-schemas.ts";
import { compact } from "../dashboards/aging-view.tsx";
import { ChartFigure, legendText } from "../dashboards/chart-figure.tsx";
import { chartNumber, formatAmount, shortDate } from "../format.ts";

export function ForecastChart({ data }: { data: ForecastView }) {
  const rows = data.weeks.map((w) => ({
    label: shortDate(w.from), band: [chartNumber(w.p10), chartNumber(w.p90)], p50: chartNumber(w.p50), expected: chartNumber(w.expected),
  }));
  const table = (
    <table className="grid" data-testid="forecast-weeks">
      <thead><tr><th scope="col">Week</th><th scope="col">From</th><th scope="col" className="num">P10</th><th scope="col" className="num">P50</th><th scope="col" className="num">P90</th><th scope="col" className="num">Expected</th></tr></thead>
      <tbody>
        {data.weeks.map((w) => (
          <tr key={w.week}><td>{w.week}</td><td>{w.from} – {w.to}</td><td className="num">{formatAmount(w.p10)}</td><td className="num">{formatAmount(w.p50)}</td><td className="num">{formatAmount(w.p90)}</td><td className="num">{formatAmount(w.expected)}</td></tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div data-testid="forecast-chart">
      <ChartFigure title={`Expected receipts per week, ${data.entity} · ${data.currency}`} summary={`13 weeks from ${data.weeks[0]?.from ?? ""}: expected ${formatAmount(data.totals.expectedInHorizon)} ${data.currency} in all.`} table={table} height={300}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} />
            <YAxis tickFormatter={compact} tick={{ fontSize: 11 }} width={56} />
            <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => compact(Number(x))).join(" – ") : compact(Number(v)))} />
            <Legend formatter={legendText} />
            <Area type="monotone" dataKey="band" name="P10–P90" stroke="none" fill="#93c5fd" fillOpacity={0.5} isAnimationActive={false} />
            <Line type="monotone" dataKey="p50" name="P50" stroke="#1d4ed8" strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="expected" name="Expected" stroke="#d97706" strokeDasharray="5 3" dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFigure>
    </div>
  );
}
