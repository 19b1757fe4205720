"use client";
// Shown when a server-rendered page fails (database unreachable, a bug): what happened and a way forward,
// never a stack trace. Next passes `digest` for errors whose message is hidden in production.
import Link from "next/link";

export function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="signin" role="alert" style={{ maxWidth: 520 }}>
      <h1>This page could not be loaded</h1>
      <p className="muted">
        The data behind it did not arrive. Try again; if it keeps failing, quote reference <span className="mono">{error.digest ?? "n/a"}</span> to your administrator.
      </p>
      <div style={{ display: "flex", gap: 8 }}>
        <button type="button" onClick={() => reset()}>Try again</button>
        <Link className="button" href="/" style={{ background: "#fff", color: "var(--accent)" }}>Home</Link>
      </div>
    </div>
  );
}
