"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";

/** Redeems a one-time link, then signs the person in with the password they just chose. */
export function SetPasswordForm({ token }: { token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const newPassword = String(form.get("newPassword") ?? "");
    if (newPassword !== String(form.get("confirmPassword") ?? "")) return setError("The two passwords differ.");
    setBusy(true);
    setError(null);
    const res = await fetch("/api/v1/password-tokens/redeem", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, newPassword }) });
    const out = await res.json().catch(() => ({}));
    if (!res.ok) {
      setBusy(false);
      return setError(out.errors?.map((x: { path: string; message: string }) => `${x.path.replace("body.", "")}: ${x.message}`).join("; ") ?? out.detail ?? `HTTP ${res.status}`);
    }
    const signedIn = await signIn("credentials", { email: out.email, password: newPassword, redirect: false });
    window.location.assign(signedIn?.ok && !signedIn.error ? "/" : "/signin");
  }
  return (
    <form onSubmit={onSubmit} aria-label="Choose your password">
      <p className="muted">At least 12 characters. This link works once.</p>
      <label>New password<input name="newPassword" type="password" autoComplete="new-password" minLength={12} maxLength={200} required autoFocus /></label>
      <label>Repeat password<input name="confirmPassword" type="password" autoComplete="new-password" minLength={12} maxLength={200} required /></label>
      {error && <div role="alert" className="error">{error}</div>}
      <button type="submit" disabled={busy}>{busy ? "Saving…" : "Set password"}</button>
    </form>
  );
}
