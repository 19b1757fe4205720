import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session.ts";
import { SignInForm } from "@/components/sign-in-form.tsx";
import { safeRedirectPath } from "@/lib/auth/safe-redirect.ts";

export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Only same-site paths are honoured as a return address (no open redirect): lib/auth/safe-redirect.ts.
  const back = safeRedirectPath(callbackUrl);
  if (await getSessionUser()) redirect(back);
  return (
    <div className="signin">
      <h1>Sign in to Cashline</h1>
      <SignInForm callbackUrl={back} />
    </div>
  );
}
