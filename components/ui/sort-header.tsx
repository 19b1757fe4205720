"use client";
// A sortable column header: a button inside the th, with aria-sort so screen readers announce the order.
export function SortHeader<K extends string>({ label, column, sort, dir, onSort, numeric }: {
  label: string; column: K; sort: string; dir: "asc" | "desc"; onSort: (column: K) => void; numeric?: boolean;
}) {
  const active = sort === column;
  return (
    <th className={numeric ? "num" : undefined} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"} scope="col">
      <button type="button" className="sort" onClick={() => onSort(column)}>
        {label}<span aria-hidden="true" className="sort-mark">{active ? (dir === "asc" ? "▲" : "▼") : ""}</span>
      </button>
    </th>
  );
}
