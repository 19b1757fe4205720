"use client";
// Saved views: pick one to load its filters, save the current filters under a name, delete the one in use.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { SavedView } from "@/lib/saved-views/saved-view-schemas.ts";
import { apiFetch, errorText } from "../ui/api-fetch.ts";
import { toParams, viewFilters, type QueueFilters } from "./queue-params.ts";

export function SavedViewsBar({ initial, filters, onLoad }: { initial: SavedView[]; filters: QueueFilters; onLoad: (f: QueueFilters) => void }) {
  const qc = useQueryClient();
  const views = useQuery({ queryKey: ["saved-views"], queryFn: () => apiFetch<{ items: SavedView[] }>("/api/v1/saved-views"), initialData: { items: initial } });
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const current = toParams(viewFilters(filters));
  const active = views.data.items.find((v) => toParams(v.filters) === current && current !== "");
  const save = useMutation({
    mutationFn: (n: string) => apiFetch<SavedView>("/api/v1/saved-views", { body: { name: n, filters: viewFilters(filters) } }),
    onSuccess: () => { setNaming(false); setName(""); setError(null); return qc.invalidateQueries({ queryKey: ["saved-views"] }); },
    onError: (e) => setError(errorText(e)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/saved-views/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["saved-views"] }),
    onError: (e) => setError(errorText(e)),
  });
  return (
    <div className="views" role="group" aria-label="Saved views">
      <label className="row">View
        <select value={active?.id ?? ""} onChange={(e) => { const v = views.data.items.find((x) => x.id === e.target.value); onLoad(v ? v.filters : {}); }} data-testid="saved-view-select">
          <option value="">{active ? "—" : current ? "(unsaved filters)" : "default: all active"}</option>
          {views.data.items.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
        </select>
      </label>
      {naming ? (
        <form className="inline" onSubmit={(e) => { e.preventDefault(); if (name.trim()) save.mutate(name.trim()); }}>
          <label className="row">Name<input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} autoFocus placeholder="e.g. My overdue short pays" /></label>
          <button type="submit" disabled={save.isPending || !name.trim()}>Save</button>
          <button type="button" className="secondary" onClick={() => setNaming(false)}>Cancel</button>
        </form>
      ) : (
        <button type="button" className="secondary" onClick={() => setNaming(true)} disabled={!current}>Save view…</button>
      )}
      {active && <button type="button" className="secondary" onClick={() => remove.mutate(active.id)} disabled={remove.isPending}>Delete “{active.name}”</button>}
      {error && <span role="alert" className="inline-error">{error}</span>}
    </div>
  );
}
