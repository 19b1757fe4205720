// The customers who drive each forecast week: the largest expected receipts.
import type { ForecastView } from "@/lib/forecast/forecast-schemas.ts";
import { formatAmount } from "../format.ts";

export function DriversTable({ data }: { data: ForecastView }) {
  return (
    <div className="scroll-x">
      <table className="grid" data-testid="forecast-drivers">
        <caption>Customers who drive the forecast, per week</caption>
        <thead>
          <tr><th scope="col">Week</th><th scope="col" className="num">Expected</th><th scope="col" className="num">P10 – P90</th><th scope="col">Largest expected receipts</th></tr>
        </thead>
        <tbody>
          {data.weeks.map((w) => (
            <tr key={w.week} data-testid={`forecast-week-${w.week}`}>
              <td>{w.week}<span className="sub">{w.from} – {w.to}</span></td>
              <td className="num">{formatAmount(w.expected)}</td>
              <td className="num">{formatAmount(w.p10)} – {formatAmount(w.p90)}</td>
              <td style={{ whiteSpace: "normal" }}>
                {w.drivers.length === 0 ? <span className="muted">nothing expected</span> : w.drivers.map((d, i) => (
                  <span key={d.customerId}>{i > 0 && " · "}<strong>{d.customerName}</strong> {formatAmount(d.expected)}<span className="muted"> ({d.invoices} inv.)</span></span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
