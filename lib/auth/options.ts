// next-auth configuration: credentials sign-in, JWT sessions in an httpOnly SameSite cookie (Secure when the
// site is served over HTTPS), 8-hour sessions (a working day).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "./verify-credentials.ts";
import type { Role } from "./roles.ts";
import { safeRedirectUrl } from "./safe-redirect.ts";

function clientIp(headers: Record<string, unknown> | undefined): string {
  const fwd = headers?.["x-forwarded-for"];
  const first = typeof fwd === "string" ? fwd.split(",")[0]?.trim() : undefined;
  return first || (typeof headers?.["x-real-ip"] === "string" ? (headers["x-real-ip"] as string) : "local");
}

const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");

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
        if (!result.ok) throw new Error(result.reason === "throttled" ? "Throttled" : "CredentialsSignin");
        return result.user;
      },
    }),
  ],
  callbacks: {
    // next-auth's own default allows any same-origin URL, but its check predates the backslash tricks.
    redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = (user as unknown as { role: Role }).role;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        (session.user as { id?: string }).id = token.uid as string;
        (session.user as { role?: Role }).role = token.role as Role;
      }
      return session;
    },
  },
};
