import { AppShell } from "@/components/app-shell.tsx";
import { CHANGE_PASSWORD_PATH, requirePageRole } from "@/lib/auth/require-page-role.ts";
import { safeRedirectPath } from "@/lib/auth/safe-redirect.ts";
import { ChangePasswordForm } from "@/components/change-password-form.tsx";

export const dynamic = "force-dynamic";

export default async function ChangePasswordPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const user = await requirePageRole("home", CHANGE_PASSWORD_PATH);
  const next = safeRedirectPath((await searchParams).next);
  return (
    <AppShell user={user}>
      <h1>Change password</h1>
      {user.mustChangePassword && (
        <p className="card" role="status" data-testid="must-change-password">You signed in with a temporary password: choose your own before you go on.</p>
      )}
      <p className="muted">At least 12 characters. Your other sessions end when you change it.</p>
      <ChangePasswordForm email={user.email} next={next} />
    </AppShell>
  );
}
