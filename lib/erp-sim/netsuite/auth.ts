// Both ways NetSuite REST web services authenticate, verified for real:
// - OAuth 2.0 client credentials (M2M): POST /services/rest/auth/oauth2/v1/token with a JWT client assertion whose
//   header names the certificate (`kid`) and whose signature (PS256 or RS256; RS256 as the brief accepts it) verifies with
//   that certificate's public key; iss = client id, aud = the token endpoint, scope ∋ rest_webservices, exp − iat ≤ 1 h.
//   Answers a bearer access token that expires after `tokenLifetimeSeconds`.
// - Token-based authentication: `Authorization: OAuth realm="<account>", oauth_consumer_key, oauth_token, oauth_nonce,
//   oauth_timestamp, oauth_signature_method="HMAC-SHA256", oauth_version="1.0", oauth_signature` (OAuth 1.0a, RFC 5849).
import crypto from "node:crypto";
import { NsError, OAuthError } from "./errors.ts";

export const TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";
export type M2mClient = { clientId: string; certificateId: string; publicKey: string };
export type TbaCredential = { consumerKey: string; consumerSecret: string; tokenId: string; tokenSecret: string };
export type AuthConfig = { accountId: string; clients: M2mClient[]; tba: TbaCredential[]; tokenLifetimeSeconds: number };

const invalidLogin = (why: string) => new NsError(401, "INVALID_LOGIN", `Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail. (${why})`);
const b64urlJson = (part: string): Record<string, unknown> => {
  try { return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>; } catch { throw new OAuthError(400, "invalid_request", "client_assertion is not a JWT"); }
};

export function createAuth(config: AuthConfig, clock: () => number = Date.now) {
  const tokens = new Map<string, number>(); // access token → expiry (epoch ms)
  const nonces = new Map<string, number>(); // TBA nonce → seen at (replay protection, 5 minutes)

  function issueToken(form: URLSearchParams): { access_token: string; token_type: "bearer"; expires_in: number } {
    if (form.get("grant_type") !== "client_credentials") throw new OAuthError(400, "unsupported_grant_type", "grant_type must be client_credentials");
    if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") throw new OAuthError(400, "invalid_request", "client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    const jwt = form.get("client_assertion") ?? "";
    const parts = jwt.split(".");
    if (parts.length !== 3) throw new OAuthError(400, "invalid_request", "client_assertion is not a JWT");
    const header = b64urlJson(parts[0]!);
    const payload = b64urlJson(parts[1]!);
    const client = config.clients.find((c) => c.certificateId === header.kid);
    if (!client) throw new OAuthError(401, "invalid_client", `no certificate with id ${String(header.kid)} is mapped to an integration`);
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    const signature = Buffer.from(parts[2]!, "base64url");
    const ok = header.alg === "PS256"
      ? crypto.verify("sha256", signed, { key: client.publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_AUTO }, signature)
      : header.alg === "RS256" ? crypto.verify("sha256", signed, client.publicKey, signature) : null;
    if (ok === null) throw new OAuthError(400, "invalid_request", `unsupported alg ${String(header.alg)} (PS256 or RS256)`);
    if (!ok) throw new OAuthError(401, "invalid_client", "the client assertion's signature does not verify with the certificate");
    const now = Math.floor(clock() / 1000);
    const { iss, aud, scope, iat, exp } = payload as { iss?: string; aud?: string; scope?: unknown; iat?: number; exp?: number };
    if (iss !== client.clientId) throw new OAuthError(401, "invalid_client", "iss is not the client id the certificate is mapped to");
    let audPath = "";
    try { audPath = new URL(String(aud)).pathname; } catch { /* reported below */ }
    if (audPath !== TOKEN_PATH) throw new OAuthError(400, "invalid_grant", `aud must be the token endpoint …${TOKEN_PATH}`);
    const scopes = (Array.isArray(scope) ? scope : String(scope ?? "").split(/[ ,]/)).map(String);
    if (!scopes.includes("rest_webservices")) throw new OAuthError(400, "invalid_scope", "scope must include rest_webservices");
    if (typeof iat !== "number" || typeof exp !== "number" || exp <= now || iat > now + 60 || exp - iat > 3600) {
      throw new OAuthError(400, "invalid_grant", "iat/exp missing, expired, in the future, or more than 60 minutes apart");
    }
    const access = crypto.randomBytes(24).toString("base64url");
    tokens.set(access, clock() + config.tokenLifetimeSeconds * 1000);
    return { access_token: access, token_type: "bearer", expires_in: config.tokenLifetimeSeconds };
  }

  /** Checks the Authorization header of an API request; throws 401 INVALID_LOGIN. */
  function authenticate(method: string, url: URL, authorization: string | undefined): void {
    if (!authorization) throw invalidLogin("no Authorization header");
    if (/^bearer /i.test(authorization)) {
      const expiry = tokens.get(authorization.slice(7).trim());
      if (expiry === undefined) throw invalidLogin("unknown access token");
      if (expiry <= clock()) throw invalidLogin("the access token has expired");
      return;
    }
    if (/^oauth /i.test(authorization)) return verifyTba(method, url, authorization.slice(6));
    throw invalidLogin("unsupported authorization scheme");
  }

  function verifyTba(method: string, url: URL, header: string): void {
    const params = new Map<string, string>();
    for (const m of header.matchAll(/([a-z_]+)="([^"]*)"/gi)) params.set(m[1]!, decodeURIComponent(m[2]!));
    if (params.get("realm") !== config.accountId) throw invalidLogin(`realm must be the account id ${config.accountId}`);
    if (params.get("oauth_signature_method") !== "HMAC-SHA256") throw invalidLogin("oauth_signature_method must be HMAC-SHA256");
    if (params.get("oauth_version") !== undefined && params.get("oauth_version") !== "1.0") throw invalidLogin("oauth_version must be 1.0");
    const cred = config.tba.find((t) => t.consumerKey === params.get("oauth_consumer_key") && t.tokenId === params.get("oauth_token"));
    if (!cred) throw invalidLogin("unknown consumer key or token");
    const ts = Number(params.get("oauth_timestamp"));
    if (!Number.isFinite(ts) || Math.abs(ts * 1000 - clock()) > 300_000) throw invalidLogin("oauth_timestamp is more than 5 minutes off");
    const nonce = params.get("oauth_nonce") ?? "";
    for (const [n, at] of nonces) if (at < clock() - 300_000) nonces.delete(n);
    if (!nonce || nonces.has(`${cred.tokenId}:${nonce}`)) throw invalidLogin("oauth_nonce missing or already used");
    // Signature base string: METHOD & enc(base URI) & enc(sorted, encoded query + oauth_* parameters but the signature)
    const pairs: [string, string][] = [...url.searchParams.entries()];
    for (const [k, v] of params) if (k.startsWith("oauth_") && k !== "oauth_signature") pairs.push([k, v]);
    const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const normalized = pairs.map(([k, v]) => [enc(k), enc(v)] as const).sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join("&");
    const baseUri = `${url.protocol}//${url.host.toLowerCase()}${url.pathname}`;
    const base = [method.toUpperCase(), enc(baseUri), enc(normalized)].join("&");
    const expected = crypto.createHmac("sha256", `${enc(cred.consumerSecret)}&${enc(cred.tokenSecret)}`).update(base).digest();
    const given = Buffer.from(params.get("oauth_signature") ?? "", "base64");
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw invalidLogin("oauth_signature does not verify");
    nonces.set(`${cred.tokenId}:${nonce}`, clock());
  }

  return { issueToken, authenticate, reset: () => { tokens.clear(); nonces.clear(); } };
}
