// A tiny inline trend line for dense tables (the same figures are in the table beside it; decorative for AT).
export function Sparkline({ values, width = 96, height = 22, color = "#1d4ed8" }: { values: number[]; width?: number; height?: number; color?: string }) {
  if (values.length < 2) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const points = values.map((v, i) => `${((i / (values.length - 1)) * (width - 2) + 1).toFixed(1)},${(height - 1 - ((v - min) / span) * (height - 2)).toFixed(1)}`);
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false" style={{ verticalAlign: "middle" }}>
      <polyline points={points.join(" ")} fill="none" stroke={color} strokeWidth={1.5} />
    </svg>
  );
}
