"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { safeRedirectPath } from "@/lib/auth/safe-redirect.ts";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await signIn("credentials", { email: String(form.get("email")), password: String(form.get("password")), redirect: false });
    setBusy(false);
    if (res?.ok && !res.error) {
      // Checked again here: the prop is the only thing between the user and window.location.
      window.location.assign(safeRedirectPath(callbackUrl));
    } else {
      setError(res?.error === "Throttled" ? "Too many failed attempts. Wait 15 minutes and try again." : "Wrong e-mail or password.");
    }
  }
  return (
    <form onSubmit={onSubmit} aria-describedby={error ? "signin-error" : undefined}>
      <label>
        E-mail
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && <div id="signin-error" role="alert" className="error">{error}</div>}
      <button type="submit" disabled={busy}>{busy ? "Signing in…" : "Sign in"}</button>
    </form>
  );
}
