"use client";
// Payments: every receipt with its workflow position and age. Live (react-query), sortable on the server,
// filterable, keyboard-navigable like the exception queue (j/k, Enter opens the payment's timeline).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import type { z } from "zod";
import type { listReceiptsResponse } from "@/lib/receipts/list-receipts.ts";
import { RECEIPT_STATES } from "@/lib/workflow/receipt-states.ts";
import { StateChip } from "../state-chip.tsx";
import { apiFetch, errorText } from "../ui/api-fetch.ts";
import { formatDays, formatDuration, formatMoney as money, humanize } from "../format.ts";
import { ShortcutHelp, type ShortcutHelpHandle } from "../ui/shortcut-help.tsx";
import { SortHeader } from "../ui/sort-header.tsx";
import { useHotkeys } from "../ui/use-hotkeys.ts";

type Data = z.infer<typeof listReceiptsResponse>;
type Filters = Record<string, string>;
const PAGE = 50;
const DEFAULTS: Filters = { sort: "received", dir: "desc", offset: "0" };
const toParams = (f: Filters) => new URLSearchParams(Object.entries(f).filter(([k, v]) => v && DEFAULTS[k] !== v).sort(([a], [b]) => a.localeCompare(b))).toString();
const SHORTCUTS = [
  { keys: ["j", "↓"], does: "next payment" }, { keys: ["k", "↑"], does: "previous payment" }, { keys: ["Enter"], does: "open the payment's timeline" },
  { keys: ["/"], does: "search" }, { keys: ["n", "p"], does: "next / previous page" }, { keys: ["?"], does: "this help" },
];

export function PaymentsList({ initial, initialFilters, entities, currencies }: { initial: Data; initialFilters: Filters; entities: string[]; currencies: string[] }) {
  const router = useRouter();
  const [filters, setFilters] = useState<Filters>(initialFilters);
  const [text, setText] = useState(initialFilters.q ?? "");
  const params = useMemo(() => toParams(filters), [filters]);
  const first = useRef(toParams(initialFilters));
  const query = useQuery({
    queryKey: ["receipts", params], queryFn: ({ signal }) => apiFetch<Data>(`/api/v1/receipts?${params}`, { signal }),
    initialData: params === first.current ? initial : undefined, placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  const [cursor, setCursor] = useState(0);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const search = useRef<HTMLInputElement>(null);
  const help = useRef<ShortcutHelpHandle>(null);
  useEffect(() => { window.history.replaceState(null, "", params ? `?${params}` : window.location.pathname); }, [params]);
  useEffect(() => { const t = setTimeout(() => setFilters((f) => (f.q ?? "") === text ? f : { ...f, q: text, offset: "" }), 350); return () => clearTimeout(t); }, [text]);
  const set = (patch: Filters) => { setFilters((f) => ({ ...f, offset: "", ...patch })); setCursor(0); };
  const offset = Number(filters.offset || 0);
  const page = (d: number) => { const n = offset + d * PAGE; if (n >= 0 && (!query.data || n < query.data.total || query.data.totalCapped)) { setFilters((f) => ({ ...f, offset: String(n) })); setCursor(0); } };
  const move = (i: number) => { const n = Math.max(0, Math.min(items.length - 1, i)); setCursor(n); rows.current[n]?.focus(); };
  const sortBy = (c: string) => set({ sort: c, dir: (filters.sort || "received") === c && (filters.dir || "desc") === "desc" ? "asc" : "desc" });
  useHotkeys({
    j: () => move(cursor + 1), ArrowDown: () => move(cursor + 1), k: () => move(cursor - 1), ArrowUp: () => move(cursor - 1),
    Enter: () => items[cursor] && router.push(`/payments/${items[cursor]!.id}`), "/": () => search.current?.focus(), n: () => page(1), p: () => page(-1), "?": () => help.current?.open(),
  });
  const h = (label: string, col: string, numeric?: boolean) => <SortHeader label={label} column={col} sort={filters.sort || "received"} dir={(filters.dir as "asc" | "desc") || "desc"} onSort={sortBy} numeric={numeric} />;
  return (
    <>
      <div className="titlebar">
        <h1>Payments</h1>
        <span className="muted" aria-live="polite">{query.data ? `${query.data.total}${query.data.totalCapped ? "+" : ""} receipts` : ""}{query.isFetching ? " · refreshing…" : ""}</span>
        <button type="button" className="link" onClick={() => help.current?.open()}>Keyboard shortcuts (?)</button>
      </div>
      <form className="toolbar filters" role="search" aria-label="Filter payments" onSubmit={(e) => { e.preventDefault(); set({ q: text }); }}>
        <label className="grow"><span>Search <span className="muted">(/)</span></span><input ref={search} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="payer, bank reference, remittance" /></label>
        <label>State<select value={filters.state ?? ""} onChange={(e) => set({ state: e.target.value })}><option value="">all</option>{RECEIPT_STATES.map((s) => <option key={s} value={s}>{humanize(s)}</option>)}</select></label>
        <label>Entity<select value={filters.entity ?? ""} onChange={(e) => set({ entity: e.target.value })}><option value="">all</option>{entities.map((e) => <option key={e}>{e}</option>)}</select></label>
        <label>Currency<select value={filters.currency ?? ""} onChange={(e) => set({ currency: e.target.value })}><option value="">all</option>{currencies.map((c) => <option key={c}>{c}</option>)}</select></label>
        <button type="button" className="secondary" onClick={() => { setText(""); setFilters({}); }}>Clear</button>
      </form>
      {query.isError && <div role="alert" className="error">Could not load payments: {errorText(query.error)} <button type="button" onClick={() => query.refetch()}>Retry</button></div>}
      {!query.data && query.isPending && <div className="empty" aria-busy="true">Loading payments…</div>}
      {query.data && items.length === 0 && <div className="empty">No receipts match.</div>}
      {items.length > 0 && (
        <>
          <table className="grid receipts" data-testid="receipts-table">
            <thead><tr>{h("Value date", "valueDate")}<th scope="col">Entity</th>{h("Payer", "payer")}<th scope="col">Customer</th>{h("Amount", "amount", true)}{h("Unapplied", "unapplied", true)}{h("Channel", "channel")}{h("State", "state")}{h("Age", "received", true)}<th scope="col">Bank ref</th></tr></thead>
            <tbody>
              {items.map((r, i) => (
                <tr key={r.id} ref={(el) => { rows.current[i] = el; }} tabIndex={i === cursor ? 0 : -1} className={i === cursor ? "cursor" : undefined} onClick={() => setCursor(i)} onDoubleClick={() => router.push(`/payments/${r.id}`)} data-receipt-id={r.id}>
                  <td><Link href={`/payments/${r.id}`} tabIndex={-1}>{r.valueDate}</Link></td><td>{r.entity}</td><td className="fill payer" title={r.payerName ?? undefined}><span>{r.payerName ?? "—"}</span></td><td className="fill cust" title={r.customer ?? undefined}><span>{r.customer ?? "—"}</span></td>
                  <td className="num">{money(r.amount, r.currency)}</td><td className="num">{/^0(\.0+)?$/.test(r.unapplied) ? <span className="muted">0</span> : money(r.unapplied, r.currency).slice(r.currency.length + 1)}</td><td>{humanize(r.channel)}{r.manualUpload && <> <span className="chip warn" title="from a bank file a person uploaded">manual</span></>}</td>
                  <td><StateChip value={r.state} /></td><td className="num">{r.ageDays >= 2 ? formatDays(r.ageDays) : formatDuration(Math.max(0, r.ageHours) * 3_600_000)}</td><td className="mono">{r.bankReference ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager end" aria-label="Pages">
            <button type="button" className="secondary" onClick={() => page(-1)} disabled={offset === 0}>← Previous (p)</button>
            <span>{offset + 1}–{offset + items.length} of {query.data!.total}{query.data!.totalCapped ? "+" : ""}</span>
            <button type="button" className="secondary" onClick={() => page(1)} disabled={offset + PAGE >= query.data!.total && !query.data!.totalCapped}>Next (n) →</button>
          </nav>
        </>
      )}
      <ShortcutHelp ref={help} title="Payments shortcuts" shortcuts={SHORTCUTS} />
    </>
  );
}
