import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session.ts";
import { SignInForm } from "@/components/sign-in-form.tsx";
import { safeRedirectPath } from "@/lib/auth/safe-redirect.ts";
import { readOidcConfig } from "@/lib/auth/oidc-config.ts";
import { OIDC_PROVIDER_ID } from "@/lib/auth/oidc.ts";

export const dynamic = "force-dynamic";

/** next-auth sends SSO failures back here as ?error=…; say what happened without echoing anything. */
const SSO_ERRORS: Record<string, string> = {
  AccessDenied: "Single sign-on worked, but your account has no Cashline role (or is deactivated). Ask an administrator.",
  OAuthSignin: "The single sign-on provider could not be reached. Try again or use your password.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  // Only same-site paths are honoured as a return address (no open redirect): lib/auth/safe-redirect.ts.
  const back = safeRedirectPath(callbackUrl);
  if (await getSessionUser()) redirect(back);
  const oidc = readOidcConfig();
  return (
    <div className="signin">
      <h1>Sign in to Cashline</h1>
      <SignInForm
        callbackUrl={back}
        sso={oidc ? { providerId: OIDC_PROVIDER_ID, name: oidc.name } : null}
        ssoError={error ? (SSO_ERRORS[error] ?? (error === "CredentialsSignin" ? null : "Sign-in failed. Try again.")) : null}
      />
    </div>
  );
}
