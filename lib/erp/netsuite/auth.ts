// NetSuite authentication for REST web services, from an entity's stored credentials:
// - OAuth 2.0 client credentials (M2M) — {accountId, clientId, certificateId, privateKey, algorithm?: PS256|RS256,
//   tokenUrl?}: a JWT client assertion signed with the certificate's private key (node:crypto) is exchanged at
//   /services/rest/auth/oauth2/v1/token for a bearer token, cached until shortly before it expires; `invalidate()`
//   after a 401 makes the next call fetch a fresh one.
// - Token-based authentication — {accountId, consumerKey, consumerSecret, tokenId, tokenSecret}: an OAuth 1.0a
//   Authorization header per request, HMAC-SHA256, realm = account id.
import crypto from "node:crypto";
import { ErpPermanentError, ErpRetryableError, parseRetryAfter } from "../errors.ts";

export const TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";
export type NetsuiteAuth = { mode: "m2m" | "tba"; header(method: string, url: URL): Promise<string>; invalidate(): void };
type TokenFetch = (url: string, form: URLSearchParams) => Promise<{ status: number; body: unknown; retryAfter: string | null }>;

export function createNetsuiteAuth(baseUrl: string, credentials: Record<string, string>, post: TokenFetch, clock: () => number = Date.now): NetsuiteAuth {
  const c = credentials;
  if (c.consumerKey && c.consumerSecret && c.tokenId && c.tokenSecret) {
    if (!c.accountId) throw new ErpPermanentError("invalid_posting", "NetSuite TBA credentials need accountId (the realm)");
    return { mode: "tba", header: async (method, url) => tbaHeader(method, url, c), invalidate: () => {} };
  }
  for (const k of ["accountId", "clientId", "certificateId", "privateKey"]) {
    if (!c[k]) throw new ErpPermanentError("invalid_posting", `NetSuite credentials: ${k} is missing (M2M needs accountId, clientId, certificateId, privateKey; TBA needs accountId, consumerKey, consumerSecret, tokenId, tokenSecret)`);
  }
  const tokenUrl = c.tokenUrl ?? `${baseUrl.replace(/\/$/, "")}${TOKEN_PATH}`;
  let cached: { token: string; refreshAt: number } | null = null;
  let pending: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: clientAssertion(c, tokenUrl, clock()),
    });
    const res = await post(tokenUrl, form);
    const body = res.body as { access_token?: string; expires_in?: number; error?: string; error_description?: string } | undefined;
    if (res.status >= 200 && res.status < 300 && typeof body?.access_token === "string") {
      const lifetimeMs = (Number(body.expires_in) || 3600) * 1000;
      cached = { token: body.access_token, refreshAt: clock() + lifetimeMs - Math.min(60_000, lifetimeMs / 10) };
      return body.access_token;
    }
    const text = `NetSuite token endpoint answered ${res.status}${body?.error ? `: ${body.error}${body.error_description ? ` (${body.error_description})` : ""}` : ""}`;
    if (res.status === 429 || res.status >= 500) throw new ErpRetryableError("http", text, { status: res.status, retryAfterMs: parseRetryAfter(res.retryAfter) });
    throw new ErpPermanentError("http", text, { status: res.status, errorCode: body?.error });
  }

  return {
    mode: "m2m",
    async header() {
      if (cached && clock() < cached.refreshAt) return `Bearer ${cached.token}`;
      pending ??= fetchToken().finally(() => { pending = null; });
      return `Bearer ${await pending}`;
    },
    invalidate() { cached = null; },
  };
}

function clientAssertion(c: Record<string, string>, tokenUrl: string, now: number): string {
  const alg = c.algorithm ?? "PS256";
  if (alg !== "PS256" && alg !== "RS256") throw new ErpPermanentError("invalid_posting", `NetSuite credentials: algorithm ${alg} is not supported (PS256 or RS256)`);
  const iat = Math.floor(now / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const signingInput = `${part({ typ: "JWT", alg, kid: c.certificateId })}.${part({ iss: c.clientId, scope: c.scope ?? "rest_webservices", aud: tokenUrl, iat, exp: iat + 300 })}`;
  const key = crypto.createPrivateKey(c.privateKey!);
  const signature = alg === "PS256"
    ? crypto.sign("sha256", Buffer.from(signingInput), { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
    : crypto.sign("sha256", Buffer.from(signingInput), key);
  return `${signingInput}.${signature.toString("base64url")}`;
}

// RFC 5849 §3.6 percent-encoding (RFC 3986 unreserved characters stay as they are).
const pct = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

function tbaHeader(method: string, url: URL, c: Record<string, string>): string {
  const oauth: Record<string, string> = {
    oauth_consumer_key: c.consumerKey!, oauth_token: c.tokenId!, oauth_signature_method: "HMAC-SHA256",
    oauth_timestamp: String(Math.floor(Date.now() / 1000)), oauth_nonce: crypto.randomBytes(16).toString("hex"), oauth_version: "1.0",
  };
  const params = [...url.searchParams.entries(), ...Object.entries(oauth)].map(([k, v]) => `${pct(k)}=${pct(v)}`).sort();
  const baseString = `${method.toUpperCase()}&${pct(`${url.protocol}//${url.host.toLowerCase()}${url.pathname}`)}&${pct(params.join("&"))}`;
  const signature = crypto.createHmac("sha256", `${pct(c.consumerSecret!)}&${pct(c.tokenSecret!)}`).update(baseString).digest("base64");
  const fields = { realm: c.accountId!, ...oauth, oauth_signature: signature };
  return `OAuth ${Object.entries(fields).map(([k, v]) => `${k}="${pct(v)}"`).join(", ")}`;
}
