// The cash position in the group's reporting currency (lib/fx/consolidate-cash-position.ts), under the per-currency
// view: per entity and in total, with the rates used and any currency left out for want of a rate.
import type { ConsolidatedCash } from "@/lib/fx/consolidate-cash-position.ts";
import { formatMoney } from "@/components/format.ts";

export function ConsolidatedCashView({ data }: { data: ConsolidatedCash }) {
  const c = data.reportingCurrency;
  return (
    <section data-testid="consolidated-cash">
      <h2>Consolidated in {c}</h2>
      <table className="grid">
        <thead><tr><th>Entity</th><th className="num">Closing</th><th className="num">In transit</th><th className="num">Projected</th><th className="num">Expected (7 days)</th></tr></thead>
        <tbody>
          {data.entities.map((e) => (
            <tr key={e.entity} data-testid={`consolidated-${e.entity}`}>
              <td>{e.entity}</td><td className="num">{formatMoney(e.closing, c)}</td><td className="num">{formatMoney(e.inTransit, c)}</td>
              <td className="num">{formatMoney(e.projected, c)}</td><td className="num">{formatMoney(e.expected, c)}</td>
            </tr>
          ))}
          <tr data-testid="consolidated-total">
            <th>Total</th><th className="num">{formatMoney(data.total.closing, c)}</th><th className="num">{formatMoney(data.total.inTransit, c)}</th>
            <th className="num">{formatMoney(data.total.projected, c)}</th><th className="num">{formatMoney(data.total.expected, c)}</th>
          </tr>
        </tbody>
      </table>
      <p className="note" data-testid="consolidated-rates">
        Rates used (the {data.rateDate} rate or the last before it):{" "}
        {data.rates.length ? data.rates.map((r) => `1 ${r.currency} = ${r.rate} ${c} (${r.day})`).join(", ") : "none needed"}.
        {data.missingRates.length ? ` No rate for ${data.missingRates.join(", ")}: left out of these totals.` : ""}
      </p>
    </section>
  );
}
