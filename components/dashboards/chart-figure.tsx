// A chart with its title, a text summary for screen readers, and the same data as a table one click away.
import { useId } from "react";

export function ChartFigure({ title, summary, children, table, height = 220 }: {
  title: string; summary: string; children: React.ReactNode; table: React.ReactNode; height?: number;
}) {
  const id = useId();
  return (
    <figure className="chart" aria-labelledby={`${id}-t`} aria-describedby={`${id}-s`}>
      <figcaption id={`${id}-t`}>{title}</figcaption>
      <p id={`${id}-s`} className="sr-only">{summary}</p>
      <div className="chart-body" style={{ height }} aria-hidden="true">{children}</div>
      <details>
        <summary>Data table</summary>
        {table}
      </details>
    </figure>
  );
}

/** Legend labels in body ink: series colours alone (light grey "pending") are too faint to read. */
export function legendText(value: string) {
  return <span style={{ color: "#374151" }}>{value}</span>;
}
