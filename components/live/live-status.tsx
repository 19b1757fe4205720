"use client";
// "Live · updated 13:05:12 UTC", "Refreshing…", or why the last refresh failed (the last good data stays shown).
import { formatTimeUtc } from "../format.ts";

export function LiveStatus({ updatedAt, fetching, error }: { updatedAt: number; fetching: boolean; error: Error | null }) {
  if (error) {
    return (
      <div className="live-status error-text" role="alert">
        Couldn’t refresh: {error.message}{updatedAt ? ` Showing data from ${formatTimeUtc(updatedAt)}.` : ""}
      </div>
    );
  }
  return (
    <div className="live-status" aria-live="polite">
      <span className={`dot ${fetching ? "busy" : ""}`} aria-hidden="true" />
      {fetching ? "Refreshing…" : updatedAt ? `Live · updated ${formatTimeUtc(updatedAt)}` : "Loading…"}
    </div>
  );
}

/** Loading and empty states with one look. */
export function Loading({ what }: { what: string }) {
  return <div className="empty" role="status" aria-busy="true">Loading {what}…</div>;
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <div className="empty">{children}</div>;
}
