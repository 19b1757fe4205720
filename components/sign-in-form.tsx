"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { safeRedirectPath } from "@/lib/auth/safe-redirect.ts";

function message(error: string | undefined | null): string {
  const throttled = error?.match(/^Throttled(?::(\d+))?$/);
  if (throttled) return `Too many failed attempts. Try again in ${throttled[1] ?? "a few"} seconds.`;
  return "Wrong e-mail or password.";
}

export function SignInForm({ callbackUrl, sso, ssoError }: { callbackUrl: string; sso: { providerId: string; name: string } | null; ssoError: string | null }) {
  const [error, setError] = useState<string | null>(ssoError);
  const [busy, setBusy] = useState(false);
  // Checked again here: the prop is the only thing between the user and window.location.
  const target = safeRedirectPath(callbackUrl);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await signIn("credentials", { email: String(form.get("email")), password: String(form.get("password")), redirect: false });
    setBusy(false);
    if (res?.ok && !res.error) window.location.assign(target);
    else setError(message(res?.error));
  }
  return (
    <>
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
      {sso && (
        <div style={{ marginTop: 16 }}>
          <button type="button" className="secondary" style={{ width: "100%" }} disabled={busy}
            onClick={() => { setBusy(true); void signIn(sso.providerId, { callbackUrl: target }); }}>
            {sso.name} (SSO)
          </button>
        </div>
      )}
    </>
  );
}
