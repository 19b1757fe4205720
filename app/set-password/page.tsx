import { SetPasswordForm } from "@/components/set-password-form.tsx";

export const dynamic = "force-dynamic";

/** Public: the one-time link (invitation or reset) lands here; the token in the link is the authorisation. */
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <div className="signin">
      <h1>Choose your password</h1>
      {token ? <SetPasswordForm token={token} /> : <div role="alert" className="error">This link is incomplete: ask an administrator for a new one.</div>}
    </div>
  );
}
