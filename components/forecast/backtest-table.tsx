// How the forecast did: each of the last 8 weeks forecast from what was known at its start, against the cash that
// arrived against the same invoices and payouts.
import type { BacktestView } from "@/lib/forecast/forecast-schemas.ts";
import { formatAmount } from "../format.ts";

const pct = (v: number | null) => (v === null ? "—" : `${v > 0 ? "+" : ""}${v.toFixed(1)} %`);

export function BacktestTable({ data }: { data: BacktestView }) {
  return (
    <div className="scroll-x">
      <p className="note" data-testid="forecast-backtest-summary">
        MAPE <strong>{data.mape === null ? "n/a" : `${data.mape.toFixed(1)} %`}</strong>, bias <strong>{pct(data.bias)}</strong> over {data.weeksScored} week{data.weeksScored === 1 ? "" : "s"} with cash
        (weeks where nothing arrived have no percentage error); actual inside the P10–P90 band in {data.withinBand} of {data.weeks.length} weeks.
      </p>
      <table className="grid" data-testid="forecast-backtest">
        <caption className="sr-only">Backtest per week</caption>
        <thead>
          <tr><th scope="col">Week</th><th scope="col" className="num">Forecast</th><th scope="col" className="num">P10 – P90</th><th scope="col" className="num">Actual</th><th scope="col" className="num">Error</th><th scope="col" className="num">Open invoices then</th></tr>
        </thead>
        <tbody>
          {data.weeks.map((w) => (
            <tr key={w.from}>
              <td>{w.from} – {w.to}</td>
              <td className="num">{formatAmount(w.forecast)}</td>
              <td className="num">{formatAmount(w.p10)} – {formatAmount(w.p90)}</td>
              <td className="num">{formatAmount(w.actual)}{w.withinBand ? "" : <span className="sub">outside band</span>}</td>
              <td className="num">{pct(w.bias)}</td>
              <td className="num">{w.invoices}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
