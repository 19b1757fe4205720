"use client";
// Server-rendered data that stays live: the page passes what it rendered with (initial), and react-query refetches
// the same API operation on the provider's interval. Changing parameters fetches anew (keeping the previous data
// on screen, marked busy, until the new data arrives).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { toQueryString, type Initial, type Params } from "./query-string.ts";

export type { Initial };

export class ApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}), ...init?.headers } });
  if (res.ok) return (await res.json()) as T;
  if (res.status === 401) throw new ApiError("Your session has ended: sign in again.", 401);
  const problem = (await res.json().catch(() => null)) as { detail?: string; title?: string } | null;
  throw new ApiError(problem?.detail ?? problem?.title ?? `request failed (HTTP ${res.status})`, res.status);
}

export function useLiveQuery<T>(path: string, params: Params, initial: Initial<T>) {
  const query = toQueryString(params);
  const url = query ? `${path}?${query}` : path;
  const fromServer = query === initial.query;
  return useQuery<T>({
    queryKey: [path, query],
    queryFn: () => fetchJson<T>(url),
    initialData: fromServer ? initial.data : undefined,
    initialDataUpdatedAt: fromServer ? initial.at : undefined,
    placeholderData: keepPreviousData,
  });
}

/** Keeps the page's URL in step with client-side filters without a server round trip (reload keeps them). */
export function replaceSearch(params: Params) {
  const query = toQueryString(params);
  window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`);
}
