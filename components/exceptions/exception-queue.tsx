"use client";
// The AR analyst's exception work queue: server-rendered first page, then live through react-query (refetch every
// 15 s, on focus, after each action) without reloads. Filters live in the URL, so a view can be shared.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ExceptionRow, ListExceptionsResponse } from "@/lib/exceptions/list-exceptions.ts";
import type { SavedView } from "@/lib/saved-views/saved-view-schemas.ts";
import type { Assignee } from "@/lib/users/list-assignees.ts";
import { apiFetch, errorText } from "../ui/api-fetch.ts";
import { ShortcutHelp, type ShortcutHelpHandle } from "../ui/shortcut-help.tsx";
import { useHotkeys } from "../ui/use-hotkeys.ts";
import { assignInBatches, BulkAssignBar } from "./bulk-assign-bar.tsx";
import { QueueFilterBar } from "./queue-filters.tsx";
import { PAGE_SIZE, toParams, type QueueFilters } from "./queue-params.ts";
import { QueueTable } from "./queue-table.tsx";
import { readQueueContext, saveQueueContext } from "./queue-context.ts";
import { SavedViewsBar } from "./saved-views-bar.tsx";

export type ExceptionQueueProps = {
  initial: ListExceptionsResponse; initialFilters: QueueFilters; me: { id: string; name: string };
  assignees: Assignee[]; savedViews: SavedView[]; entities: { code: string; name: string }[]; currencies: string[];
};

const SHORTCUTS = [
  { keys: ["j", "↓"], does: "next case" }, { keys: ["k", "↑"], does: "previous case" }, { keys: ["Enter"], does: "open the case's receipt workspace" },
  { keys: ["x", "Space"], does: "select / unselect the case" }, { keys: ["*"], does: "select all on this page / none" },
  { keys: ["a"], does: "assign the selected cases (or the current one) to me" }, { keys: ["/"], does: "search" },
  { keys: ["n", "p"], does: "next / previous page" }, { keys: ["r"], does: "refresh now" }, { keys: ["Esc"], does: "clear the selection, leave a field" },
  { keys: ["?"], does: "this help" },
];

export function ExceptionQueue(props: ExceptionQueueProps) {
  const router = useRouter();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<QueueFilters>(props.initialFilters);
  const params = useMemo(() => toParams(filters), [filters]);
  const initialParams = useRef(toParams(props.initialFilters));
  const query = useQuery({
    queryKey: ["exceptions", params],
    queryFn: ({ signal }) => apiFetch<ListExceptionsResponse>(`/api/v1/exceptions?${params}`, { signal }),
    initialData: params === initialParams.current ? props.initial : undefined,
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const items = useMemo(() => data?.items ?? [], [data]);
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  const searchRef = useRef<HTMLInputElement>(null);
  const help = useRef<ShortcutHelpHandle>(null);

  useEffect(() => { window.history.replaceState(null, "", params ? `?${params}` : window.location.pathname); }, [params]);
  useEffect(() => { setCursor((c) => Math.min(c, Math.max(items.length - 1, 0))); }, [items.length]);
  // Back from a case ("u"): the cursor goes to the row of the case last opened (or to where it was, if it left the
  // queue), with real focus so j/k carry on from there.
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || items.length === 0) return;
    restored.current = true;
    const ctx = readQueueContext();
    if (!ctx?.cursorId || ctx.params !== params) return;
    const at = items.findIndex((r) => r.id === ctx.cursorId);
    const i = at >= 0 ? at : Math.min(Math.max(ctx.ids.indexOf(ctx.cursorId), 0), items.length - 1);
    setCursor(i);
    requestAnimationFrame(() => rowRefs.current[i]?.focus());
  }, [items, params]);

  const update = useCallback((patch: QueueFilters, keepPage = false) => {
    setFilters((f) => ({ ...f, ...patch, ...(keepPage ? {} : { offset: "" }) }));
    if (!keepPage) setCursor(0);
  }, []);
  const move = (to: number) => {
    const i = Math.max(0, Math.min(items.length - 1, to));
    setCursor(i);
    rowRefs.current[i]?.focus();
  };
  const toggle = (id: string) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const remember = (row: ExceptionRow) => saveQueueContext({ params, ids: items.map((r) => r.id), cursorId: row.id });
  const open = (row: ExceptionRow | undefined) => { if (!row) return; remember(row); router.push(`/exceptions/${row.id}`); };
  const offset = Number(filters.offset || 0);
  const page = (delta: number) => {
    const next = offset + delta * PAGE_SIZE;
    if (next < 0 || (data && next >= data.total)) return;
    update({ offset: String(next) }, true);
    setCursor(0);
  };
  const assign = async (ids: string[], assigneeId: string | null) => {
    const r = await assignInBatches(ids, assigneeId, () => {});
    setNotice({ ok: r.failed.length === 0, text: r.failed.length ? `Assignment failed: ${r.error}` : `Assigned ${r.assigned} to ${assigneeId === "me" ? "you" : "them"}${r.skipped ? ` (${r.skipped} no longer open)` : ""}.` });
    await qc.invalidateQueries({ queryKey: ["exceptions"] });
  };
  const sortBy = (column: string) => {
    const same = (filters.sort || "sla") === column;
    update({ sort: column, dir: same && (filters.dir || "asc") === "asc" ? "desc" : "asc" });
  };

  useHotkeys({
    j: () => move(cursor + 1), ArrowDown: () => move(cursor + 1), k: () => move(cursor - 1), ArrowUp: () => move(cursor - 1),
    Enter: () => open(items[cursor]), o: () => open(items[cursor]),
    x: () => items[cursor] && toggle(items[cursor]!.id), " ": () => items[cursor] && toggle(items[cursor]!.id),
    "*": () => setSelected((s) => (items.every((r) => s.has(r.id)) ? new Set() : new Set(items.map((r) => r.id)))),
    a: () => { const ids = selected.size ? [...selected] : items[cursor] ? [items[cursor]!.id] : []; if (ids.length) void assign(ids, "me").then(() => setSelected(new Set())); },
    "/": () => searchRef.current?.focus(), "?": () => help.current?.open(), n: () => page(1), p: () => page(-1),
    r: () => void query.refetch(), Escape: () => setSelected(new Set()),
  });

  return (
    <>
      <div className="titlebar">
        <h1>Exceptions</h1>
        <span className="muted" id="queue-summary" aria-live="polite">
          {data ? `${data.total.toLocaleString("en-US")}${data.capped ? "+" : ""} ${filters.status && filters.status !== "ACTIVE" ? "cases" : "open"} · ` : ""}
          {data ? <span className={data.overdue ? "overdue" : undefined}>{data.overdue} past SLA</span> : null}
          {query.isFetching ? " · refreshing…" : ""}
        </span>
        <SavedViewsBar initial={props.savedViews} filters={filters} onLoad={(f) => { setFilters(f); setCursor(0); }} />
        <button type="button" className="link push" onClick={() => help.current?.open()} aria-keyshortcuts="?">Keyboard shortcuts (?)</button>
      </div>
      <QueueFilterBar ref={searchRef} filters={filters} onChange={(p) => update(p)} onClear={() => setFilters({})} entities={props.entities} currencies={props.currencies} assignees={props.assignees} />
      {selected.size > 0 && (
        <BulkAssignBar
          selected={[...selected]} assignees={props.assignees} onClear={() => setSelected(new Set())}
          onDone={(text, failed, ok) => { setNotice({ ok, text }); setSelected(new Set(failed)); void qc.invalidateQueries({ queryKey: ["exceptions"] }); }}
        />
      )}
      {notice && <div role="status" className={notice.ok ? "notice" : "notice bad"}>{notice.text} <button type="button" className="link" onClick={() => setNotice(null)}>dismiss</button></div>}
      {query.isError && !data && <div role="alert" className="error">Could not load the queue: {errorText(query.error)} <button type="button" onClick={() => query.refetch()}>Retry</button></div>}
      {query.isError && data && <div role="alert" className="notice bad">Showing the last loaded data; refreshing failed: {errorText(query.error)}</div>}
      {!data && query.isPending && <div className="empty" aria-busy="true">Loading the queue…</div>}
      {data && items.length === 0 && (
        <div className="empty">No cases match these filters. <button type="button" className="link" onClick={() => setFilters({})}>Clear the filters</button></div>
      )}
      {data && items.length > 0 && (
        <>
          <QueueTable
            items={items} asOf={data.asOf} meId={props.me.id} cursor={cursor} selected={selected} sort={filters.sort || "sla"} dir={(filters.dir as "asc" | "desc") || "asc"}
            onSort={sortBy} onCursor={setCursor} onToggle={toggle} onOpen={open} onRemember={remember} rowRefs={rowRefs}
            onToggleAll={() => setSelected((s) => (items.every((r) => s.has(r.id)) ? new Set() : new Set(items.map((r) => r.id))))}
            onTake={(r) => void assign([r.id], "me")}
          />
          <nav className="pager end" aria-label="Pages">
            <button type="button" className="secondary" onClick={() => page(-1)} disabled={offset === 0}>← Previous (p)</button>
            <span>{offset + 1}–{offset + items.length} of {data.total.toLocaleString("en-US")}{data.capped ? "+" : ""}</span>
            <button type="button" className="secondary" onClick={() => page(1)} disabled={offset + PAGE_SIZE >= data.total}>Next (n) →</button>
          </nav>
        </>
      )}
      <ShortcutHelp ref={help} title="Exception queue shortcuts" shortcuts={SHORTCUTS} />
    </>
  );
}
