"use client";
// The filter bar of the exception queue: search, code, status, entity, currency, amount range, age, SLA, assignee.
// Every control is labelled; changes apply at once (search after a short pause or Enter).
import { forwardRef, useEffect, useState } from "react";
import { CASE_STATUSES, EXCEPTION_CODES } from "@/lib/exceptions/queue-query.ts";
import type { Assignee } from "@/lib/users/list-assignees.ts";
import { humanize } from "../format.ts";
import { AGE_BUCKETS, ageBucketOf, ageBucketPatch, type QueueFilters } from "./queue-params.ts";

type Props = {
  filters: QueueFilters; onChange: (patch: QueueFilters) => void; onClear: () => void;
  entities: { code: string; name: string }[]; currencies: string[]; assignees: Assignee[];
};

export const QueueFilterBar = forwardRef<HTMLInputElement, Props>(function QueueFilterBar({ filters, onChange, onClear, entities, currencies, assignees }, searchRef) {
  const [q, setQ] = useState(filters.q ?? "");
  const [min, setMin] = useState(filters.minAmount ?? "");
  const [max, setMax] = useState(filters.maxAmount ?? "");
  useEffect(() => setQ(filters.q ?? ""), [filters.q]);
  useEffect(() => { setMin(filters.minAmount ?? ""); setMax(filters.maxAmount ?? ""); }, [filters.minAmount, filters.maxAmount]);
  useEffect(() => {
    if ((filters.q ?? "") === q) return;
    const t = setTimeout(() => onChange({ q }), 350);
    return () => clearTimeout(t);
  }, [q]); // eslint-disable-line react-hooks/exhaustive-deps
  // Validated as the user types: a bad value is shown in red with what is wrong, and never silently dropped.
  const amountProblem = (v: string, label: string) => (v.trim() === "" || /^\d+(\.\d+)?$/.test(v.trim()) ? null : `${label}: enter a positive number like 1250.00 (no letters, no minus sign)`);
  const minErr = amountProblem(min, "Min amount");
  const maxErr = amountProblem(max, "Max amount");
  const rangeErr = !minErr && !maxErr && min.trim() && max.trim() && Number(min) > Number(max) ? "Min amount is above max amount" : null;
  const currencyErr = (min.trim() || max.trim()) && !filters.currency ? "Choose a currency for the amount range: EUR, GBP and USD amounts cannot be compared" : null;
  const amountErr = minErr ?? maxErr ?? rangeErr ?? currencyErr;
  const applyAmounts = () => { if (!amountErr) onChange({ minAmount: min.trim(), maxAmount: max.trim() }); };
  const select = (name: string, label: string, options: { value: string; label: string }[], value = filters[name] ?? "") => (
    <label>{label}
      <select name={name} value={value} onChange={(e) => onChange({ [name]: e.target.value })}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
  return (
    <form className="toolbar filters" role="search" aria-label="Filter the exception queue" onSubmit={(e) => { e.preventDefault(); onChange({ q }); applyAmounts(); }}>
      <label className="grow"><span>Search <span className="muted">(/)</span></span>
        <input ref={searchRef} name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="payer, reference, amount, id" autoComplete="off" />
      </label>
      {select("code", "Code", [{ value: "", label: "all codes" }, ...EXCEPTION_CODES.map((c) => ({ value: c, label: humanize(c) }))])}
      {select("status", "Status", [{ value: "ACTIVE", label: "active" }, { value: "ALL", label: "all" }, ...CASE_STATUSES.map((s) => ({ value: s, label: humanize(s) }))], filters.status ?? "ACTIVE")}
      {select("entity", "Entity", [{ value: "", label: "all" }, ...entities.map((e) => ({ value: e.code, label: e.code }))])}
      <label>Currency
        <select name="currency" value={filters.currency ?? ""} onChange={(e) => onChange(e.target.value ? { currency: e.target.value } : { currency: "", minAmount: "", maxAmount: "" })}>
          {[{ value: "", label: "all" }, ...currencies.map((c) => ({ value: c, label: c }))].map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </label>
      <label>Min {filters.currency ?? "amount"}<input name="minAmount" inputMode="decimal" size={8} value={min} aria-invalid={!!(minErr || rangeErr || currencyErr)} aria-describedby="amount-error" onChange={(e) => setMin(e.target.value)} onBlur={applyAmounts} /></label>
      <label>Max {filters.currency ?? "amount"}<input name="maxAmount" inputMode="decimal" size={8} value={max} aria-invalid={!!(maxErr || rangeErr || currencyErr)} aria-describedby="amount-error" onChange={(e) => setMax(e.target.value)} onBlur={applyAmounts} /></label>
      <label>Age
        <select name="age" value={ageBucketOf(filters)} onChange={(e) => onChange(ageBucketPatch(e.target.value))}>
          {AGE_BUCKETS.map((b) => <option key={b.value} value={b.value}>{b.label}</option>)}
        </select>
      </label>
      {select("sla", "SLA", [{ value: "", label: "any" }, { value: "overdue", label: "overdue" }, { value: "due24h", label: "due within 24 h" }])}
      {select("assignee", "Assignee", [{ value: "", label: "anyone" }, { value: "me", label: "me" }, { value: "unassigned", label: "unassigned" }, ...assignees.map((a) => ({ value: a.id, label: a.name }))])}
      <button type="button" className="secondary" onClick={onClear}>Clear</button>
      {amountErr && <p className="field-error" id="amount-error" role="alert" data-testid="amount-error">{amountErr}</p>}
    </form>
  );
});
