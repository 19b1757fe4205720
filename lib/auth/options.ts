// next-auth configuration: credentials sign-in and (when configured) OpenID Connect single sign-on, JWT sessions
// in an httpOnly SameSite cookie (Secure when the site is served over HTTPS), 8-hour sessions (a working day).
// The JWT carries the user id and the user's sessionVersion; lib/auth/session.ts checks both against the
// database on every request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "./verify-credentials.ts";
import type { Role } from "./roles.ts";
import { safeRedirectUrl } from "./safe-redirect.ts";
import { clientIp } from "./client-ip.ts";
import { oidcProviders, oidcSignIn, oidcUserForToken } from "./oidc.ts";

const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");

type TokenUser = { id: string; role: Role; sessionVersion?: number };

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  useSecureCookies: secure,
  cookies: {
    sessionToken: {
      name: secure ? "__Secure-cashline.session" : "cashline.session",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure },
    },
  },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const result = await verifyCredentials(credentials, clientIp(req?.headers as Record<string, unknown> | undefined));
        if (result.ok) return result.user;
        throw new Error(result.reason === "throttled" ? `Throttled:${Math.ceil(result.retryAfterMs / 1000)}` : "CredentialsSignin");
      },
    }),
    ...oidcProviders(),
  ],
  callbacks: {
    // next-auth's own default allows any same-origin URL, but its check predates the backslash tricks.
    redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
    // SSO: the identity provider's role claim decides (unknown role → refused), the user row is created/linked.
    async signIn({ account, profile }) {
      if (account?.type !== "oauth") return true;
      return oidcSignIn(account, profile as Record<string, unknown> | undefined);
    },
    async jwt({ token, user, account }) {
      if (account?.type === "oauth") {
        const linked = await oidcUserForToken(account);
        if (!linked) return {};
        token.uid = linked.id;
        token.role = linked.role;
        token.sv = linked.sessionVersion;
      } else if (user) {
        const u = user as unknown as TokenUser;
        token.uid = u.id;
        token.role = u.role;
        token.sv = u.sessionVersion ?? 0;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        const su = session.user as { id?: string; role?: Role; sv?: number };
        su.id = token.uid as string;
        su.role = token.role as Role;
        su.sv = token.sv as number;
      }
      return session;
    },
  },
};
