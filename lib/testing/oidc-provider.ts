// A real OpenID Connect provider (the `oidc-provider` package: discovery, authorization code flow with PKCE,
// signed ID tokens, userinfo) running locally for the SSO tests: one static confidential client and a few test
// accounts whose claims carry a role. Its built-in development login page accepts any password for a known
// login; consent is pre-granted for the static client (a first-party app), so the flow is login → back to the app.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type TestOidcAccount = { email: string; name: string; emailVerified?: boolean; role?: string | string[] };
export type TestOidcProvider = { issuer: string; port: number; stop: () => Promise<void> };

export const TEST_OIDC_CLIENT = { clientId: "cashline-test", clientSecret: "cashline-test-secret-0123456789abcdef" };
export const TEST_OIDC_ROLE_CLAIM = "cashline_role";

export async function startOidcProvider(opts: {
  port?: number; host?: string; redirectUris: string[]; accounts: Record<string, TestOidcAccount>;
}): Promise<TestOidcProvider> {
  const { default: Provider } = await import("oidc-provider");
  const host = opts.host ?? "127.0.0.1";
  let handler: http.RequestListener = (_req, res) => { res.statusCode = 503; res.end(); };
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => { server.once("error", reject); server.listen(opts.port ?? 0, host, () => resolve()); });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${host}:${port}`;

  const provider = new Provider(issuer, {
    clients: [{
      client_id: TEST_OIDC_CLIENT.clientId, client_secret: TEST_OIDC_CLIENT.clientSecret, redirect_uris: opts.redirectUris,
      grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_basic",
    }],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", TEST_OIDC_ROLE_CLAIM] },
    // Put the scope's claims in the ID token too (what most enterprise IdPs do); next-auth reads the ID token.
    conformIdTokenClaims: false,
    cookies: { keys: ["cashline-test-oidc-cookie-key-0123456789"] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Grant: 3600, Session: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const a = opts.accounts[sub];
      if (!a) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, email: a.email, email_verified: a.emailVerified ?? true, name: a.name, ...(a.role !== undefined ? { [TEST_OIDC_ROLE_CLAIM]: a.role } : {}) }),
      };
    },
    // First-party client: consent is implied, so the flow is login → back to the app.
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope("openid email profile");
      grant.addOIDCClaims(["email", "email_verified", "name", TEST_OIDC_ROLE_CLAIM]);
      await grant.save();
      return grant;
    },
  });
  handler = provider.callback();
  return {
    issuer, port,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
