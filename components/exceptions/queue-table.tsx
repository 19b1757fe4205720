"use client";
// The queue's table: one row per case, a roving cursor (j/k) with real focus, checkboxes for bulk work, sortable
// headers, SLA aging (overdue in red) and a "take" button to assign a case to yourself.
import Link from "next/link";
import type { RefObject } from "react";
import type { ExceptionRow } from "@/lib/exceptions/list-exceptions.ts";
import { StateChip } from "../state-chip.tsx";
import { SortHeader } from "../ui/sort-header.tsx";
import { formatDuration as duration, formatMoney as money, humanize, slaText } from "../format.ts";

type Props = {
  items: ExceptionRow[]; asOf: string; meId: string; cursor: number; selected: Set<string>;
  sort: string; dir: "asc" | "desc"; onSort: (c: string) => void;
  onCursor: (i: number) => void; onToggle: (id: string) => void; onToggleAll: () => void; onOpen: (row: ExceptionRow) => void; onRemember: (row: ExceptionRow) => void; onTake: (row: ExceptionRow) => void;
  rowRefs: RefObject<(HTMLTableRowElement | null)[]>;
};

export function QueueTable({ items, asOf, meId, cursor, selected, sort, dir, onSort, onCursor, onToggle, onToggleAll, onOpen, onRemember, onTake, rowRefs }: Props) {
  const allOn = items.length > 0 && items.every((r) => selected.has(r.id));
  const h = (label: string, column: string, numeric?: boolean) => <SortHeader label={label} column={column} sort={sort} dir={dir} onSort={onSort} numeric={numeric} />;
  return (
    <table className="grid queue" data-testid="exceptions-table" aria-describedby="queue-summary">
      <thead>
        <tr>
          <th scope="col" className="check"><input type="checkbox" aria-label="Select all on this page" checked={allOn} onChange={onToggleAll} /></th>
          {h("Code", "code")}{h("Status", "status")}{h("Pri", "priority")}{h("Entity", "entity")}{h("Payer", "payer")}
          {h("Amount", "amount", true)}{h("Assignee", "assignee")}{h("Age", "age", true)}{h("SLA", "sla")}
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r, i) => {
          const sla = slaText(r.slaDueAt, asOf);
          const active = !["RESOLVED", "CANCELLED"].includes(r.status);
          return (
            <tr
              key={r.id}
              ref={(el) => { rowRefs.current[i] = el; }}
              tabIndex={i === cursor ? 0 : -1}
              className={i === cursor ? "cursor" : undefined}
              aria-selected={selected.has(r.id)}
              data-case-id={r.id}
              onClick={() => onCursor(i)}
              onDoubleClick={() => onOpen(r)}
            >
              <td className="check"><input type="checkbox" aria-label={`Select case ${r.id}`} checked={selected.has(r.id)} onChange={() => onToggle(r.id)} onClick={(e) => e.stopPropagation()} tabIndex={-1} /></td>
              <td><Link href={`/exceptions/${r.id}`} tabIndex={-1} onClick={() => onRemember(r)}><StateChip value={r.code} /></Link></td>
              <td>{humanize(r.status)}</td>
              <td className={r.priority === "HIGH" || r.priority === "URGENT" ? "hot" : undefined}>{humanize(r.priority)}</td>
              <td>{r.entity}</td>
              <td className="fill payer" title={r.payerName ?? undefined} data-testid="payer"><span>{r.payerName ?? "—"}</span></td>
              <td className="num">{money(r.amount, r.currency)}</td>
              <td>
                {r.assignee ?? <span className="muted">unassigned</span>}
                {active && r.assigneeId !== meId && <button type="button" className={r.assigneeId ? "link take other" : "link take"} tabIndex={-1} onClick={(e) => { e.stopPropagation(); onTake(r); }} aria-label={`Assign case ${r.id} to me`}>take</button>}
              </td>
              <td className="num">{duration(new Date(asOf).getTime() - new Date(r.createdAt).getTime())}</td>
              <td className={active && sla.overdue ? "overdue" : undefined}>{active ? sla.text : humanize(r.status)}</td>
              <td className="why fill" title={r.reasons.join("; ")}><span>{r.reasons[0] ?? ""}</span></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
