"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { safeRedirectPath } from "@/lib/auth/safe-redirect.ts";

/** Changes the signed-in user's password, then signs in again with it (the change ended every session). */
export function ChangePasswordForm({ email, next }: { email: string; next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const currentPassword = String(form.get("currentPassword") ?? "");
    const newPassword = String(form.get("newPassword") ?? "");
    if (newPassword !== String(form.get("confirmPassword") ?? "")) return setError("The two new passwords differ.");
    setBusy(true);
    setError(null);
    const res = await fetch("/api/v1/me/password", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ currentPassword, newPassword }) });
    if (!res.ok) {
      const out = await res.json().catch(() => ({}));
      setBusy(false);
      return setError(out.errors?.map((x: { path: string; message: string }) => `${x.path.replace("body.", "")}: ${x.message}`).join("; ") ?? out.detail ?? `HTTP ${res.status}`);
    }
    const again = await signIn("credentials", { email, password: newPassword, redirect: false });
    window.location.assign(again?.ok && !again.error ? safeRedirectPath(next) : "/signin");
  }
  return (
    <form className="signin" style={{ margin: 0 }} onSubmit={onSubmit} aria-label="Change password">
      <label>Current password<input name="currentPassword" type="password" autoComplete="current-password" required /></label>
      <label>New password<input name="newPassword" type="password" autoComplete="new-password" minLength={12} maxLength={200} required /></label>
      <label>Repeat new password<input name="confirmPassword" type="password" autoComplete="new-password" minLength={12} maxLength={200} required /></label>
      {error && <div role="alert" className="error">{error}</div>}
      <button type="submit" disabled={busy}>{busy ? "Saving…" : "Change password"}</button>
    </form>
  );
}
