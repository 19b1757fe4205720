// Single sign-on against a REAL OpenID Connect provider (oidc-provider, over HTTP on a local port): discovery,
// the authorization code flow with PKCE through the provider's login page, the token exchange and ID token
// validation by openid-client (the library next-auth uses), then Cashline's role mapping and user linking.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Issuer, generators } from "openid-client";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { hashPassword } from "./password.ts";
import { startOidcProvider, TEST_OIDC_CLIENT, type TestOidcProvider } from "../testing/oidc-provider.ts";
import { mapRole, parseRoleMap, readOidcConfig } from "./oidc-config.ts";
import { identityFromClaims } from "./oidc.ts";
import { signInWithOidc } from "../users/sign-in-with-oidc.ts";

useFreshDatabase();

const REDIRECT = "http://127.0.0.1:9/api/auth/callback/oidc"; // never called: the test reads the code off the redirect
let idp: TestOidcProvider;

beforeAll(async () => {
  idp = await startOidcProvider({
    redirectUris: [REDIRECT],
    accounts: {
      "erin": { email: "erin@corp.example", name: "Erin Admin", role: ["staff", "finance-admins"] },
      "ivan": { email: "ivan@corp.example", name: "Ivan Intern", role: "interns" },
      "tara": { email: "tara@corp.example", name: "Tara", role: "treasury-team" },
      "mallory": { email: "owner@corp.example", name: "Mallory", role: "finance-admins", emailVerified: false },
    },
  });
});
afterAll(() => idp?.stop());

/** Walks the browser's part of the flow with fetch: authorize → provider login form → redirect with ?code. */
async function authorizationResponse(url: string, login: string): Promise<Record<string, string>> {
  const jar = new Map<string, string>();
  const go = async (target: string, init: RequestInit = {}) => {
    const res = await fetch(target, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const c of res.headers.getSetCookie()) { const [kv] = c.split(";"); const i = kv!.indexOf("="); jar.set(kv!.slice(0, i), kv!.slice(i + 1)); }
    return res;
  };
  let res = await go(url);
  for (let hops = 0; hops < 10; hops++) {
    const location = res.headers.get("location");
    if (location?.startsWith(REDIRECT)) {
      const params = Object.fromEntries(new URL(location).searchParams);
      if (!params.code) throw new Error(`no code in ${location}`);
      return params; // code, state and iss (RFC 9207: the provider names itself in the response)
    }
    if (location) { res = await go(new URL(location, idp.issuer).toString()); continue; }
    const html = await res.text();
    const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
    if (!action || !html.includes('name="login"')) throw new Error(`unexpected page (HTTP ${res.status}): ${html.slice(0, 300)}`);
    res = await go(new URL(action, idp.issuer).toString(), {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ prompt: "login", login, password: "any" }).toString(),
    });
  }
  throw new Error("too many redirects");
}

async function ssoClaims(login: string) {
  const issuer = await Issuer.discover(idp.issuer);
  const client = new issuer.Client({ client_id: TEST_OIDC_CLIENT.clientId, client_secret: TEST_OIDC_CLIENT.clientSecret, redirect_uris: [REDIRECT], response_types: ["code"] });
  const verifier = generators.codeVerifier();
  const state = generators.state();
  const url = client.authorizationUrl({ scope: "openid email profile", code_challenge: generators.codeChallenge(verifier), code_challenge_method: "S256", state });
  const params = await authorizationResponse(url, login);
  const tokens = await client.callback(REDIRECT, params, { code_verifier: verifier, state });
  return tokens.claims() as Record<string, unknown>;
}

const config = () => readOidcConfig({
  OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: TEST_OIDC_CLIENT.clientId, OIDC_CLIENT_SECRET: TEST_OIDC_CLIENT.clientSecret,
  OIDC_ROLE_CLAIM: "cashline_role", OIDC_ROLE_MAP: "finance-admins=ADMIN, treasury-team=TREASURY, ar-team=AR_ANALYST",
})!;

describe("single sign-on through a real OpenID Connect provider", () => {
  it("discovers the provider, exchanges the code, maps the role claim and creates the user (audited)", async () => {
    const claims = await ssoClaims("erin");
    expect(claims).toMatchObject({ iss: idp.issuer, sub: "erin", email: "erin@corp.example", cashline_role: ["staff", "finance-admins"] });
    const result = await signInWithOidc(identityFromClaims(claims, config()));
    expect(result).toMatchObject({ ok: true, role: "ADMIN", created: true });
    const user = await getDb().user.findUniqueOrThrow({ where: { email: "erin@corp.example" } });
    expect(user).toMatchObject({ role: "ADMIN", oidcSubject: `${idp.issuer} erin`, active: true });
    const audit = (await getDb().auditLog.findMany({ where: { actorId: user.id } })).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(["user.created", "auth.signed_in"]));
    // a second sign-in finds the same row
    expect(await signInWithOidc(identityFromClaims(await ssoClaims("erin"), config()))).toMatchObject({ ok: true, created: false });
  });

  it("refuses a role claim that maps to no Cashline role, and audits the refusal", async () => {
    const result = await signInWithOidc(identityFromClaims(await ssoClaims("ivan"), config()));
    expect(result.ok).toBe(false);
    expect(await getDb().user.findUnique({ where: { email: "ivan@corp.example" } })).toBeNull();
    expect(await getDb().auditLog.count({ where: { action: "auth.sso_refused", actorLabel: "ivan@corp.example" } })).toBe(1);
  });

  it("links an existing user by verified e-mail, takes the role from the provider, and stops when deactivated", async () => {
    const tara = await getDb().user.create({ data: { email: "tara@corp.example", name: "Tara", role: "AR_ANALYST", passwordHash: await hashPassword("tara-password") } });
    expect(await signInWithOidc(identityFromClaims(await ssoClaims("tara"), config()))).toMatchObject({ ok: true, role: "TREASURY", userId: tara.id });
    expect(await getDb().user.findUniqueOrThrow({ where: { id: tara.id } })).toMatchObject({ role: "TREASURY", oidcSubject: `${idp.issuer} tara` });
    await getDb().user.update({ where: { id: tara.id }, data: { active: false } });
    expect((await signInWithOidc(identityFromClaims(await ssoClaims("tara"), config()))).ok).toBe(false);
  });

  it("does not link an existing account on an unverified e-mail", async () => {
    await getDb().user.create({ data: { email: "owner@corp.example", name: "Owner", role: "ADMIN", passwordHash: await hashPassword("owner-password") } });
    expect((await signInWithOidc(identityFromClaims(await ssoClaims("mallory"), config()))).ok).toBe(false);
    expect((await getDb().user.findUniqueOrThrow({ where: { email: "owner@corp.example" } })).oidcSubject).toBeNull();
  });
});

describe("role mapping", () => {
  it("maps claim values (string or list, any case) and gives the widest role; unknown → none", () => {
    const map = parseRoleMap("finance-admins=ADMIN,ar-team=AR_ANALYST,ctl=controller");
    expect(mapRole("AR-Team", map)).toBe("AR_ANALYST");
    expect(mapRole(["ar-team", "finance-admins"], map)).toBe("ADMIN");
    expect(mapRole("ctl", map)).toBe("CONTROLLER");
    expect(mapRole("interns", map)).toBeNull();
    expect(mapRole(undefined, map)).toBeNull();
    expect(mapRole(42, map)).toBeNull();
    expect(mapRole("treasury", parseRoleMap(undefined))).toBe("TREASURY");
    expect(() => parseRoleMap("x=SUPERUSER")).toThrow(/OIDC_ROLE_MAP/);
    expect(() => parseRoleMap("ADMIN")).toThrow(/OIDC_ROLE_MAP/);
  });
});
