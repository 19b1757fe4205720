// Authentication as an SAP S/4HANA Cloud communication arrangement offers it: basic authentication of the
// communication user, or OAuth 2.0 client credentials at /sap/bc/sec/oauth2/token (bearer tokens that expire).
// CSRF protection of OData writes: a GET with `x-csrf-token: Fetch` answers a token bound to the session cookie
// it sets; a write without both is 403 "CSRF token validation failed" with `x-csrf-token: Required`.
import { randomBytes } from "node:crypto";

export type SapAuthOptions = {
  user?: string; password?: string; // communication user (basic)
  clientId?: string; clientSecret?: string; // OAuth 2.0 client credentials
  tokenLifetimeSeconds?: number; // default 3600
};
export const SAP_SIM_DEFAULT_AUTH = { user: "CASHLINE_COMM", password: "cashline-comm-password", clientId: "cashline-client", clientSecret: "cashline-client-secret" };
export const TOKEN_PATH = "/sap/bc/sec/oauth2/token";
export const SESSION_COOKIE = "SAP_SESSIONID_SIM_100";

export type AuthOutcome = { ok: true; principal: string } | { ok: false; status: number; message: string };

export function createSapAuth(options: SapAuthOptions = {}, clock: () => number = Date.now) {
  const cfg = { ...SAP_SIM_DEFAULT_AUTH, ...options };
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  const tokens = new Map<string, number>(); // access token → expiry (epoch ms)
  const sessions = new Map<string, string>(); // session id → csrf token
  let issued = 0;

  function basicPair(header: string | undefined): [string, string] | null {
    if (!header?.startsWith("Basic ")) return null;
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    const i = decoded.indexOf(":");
    return i < 0 ? null : [decoded.slice(0, i), decoded.slice(i + 1)];
  }

  return {
    tokensIssued: () => issued,
    /** POST /sap/bc/sec/oauth2/token (grant_type=client_credentials; client in Basic header or form fields). */
    token(authorization: string | undefined, form: URLSearchParams): { status: number; body: unknown } {
      if (form.get("grant_type") !== "client_credentials") return { status: 400, body: { error: "unsupported_grant_type", error_description: "only client_credentials is supported" } };
      const pair = basicPair(authorization) ?? [form.get("client_id") ?? "", form.get("client_secret") ?? ""];
      if (pair[0] !== cfg.clientId || pair[1] !== cfg.clientSecret) return { status: 401, body: { error: "invalid_client", error_description: "Client authentication failed" } };
      const token = randomBytes(24).toString("base64url");
      tokens.set(token, clock() + lifetime * 1000);
      issued++;
      return { status: 200, body: { access_token: token, token_type: "Bearer", expires_in: lifetime, scope: "API_BUSINESS_PARTNER_0001 API_OPLACCTGDOCITEMCUBE_SRV_0001" } };
    },
    authenticate(authorization: string | undefined): AuthOutcome {
      if (authorization?.startsWith("Bearer ")) {
        const expiry = tokens.get(authorization.slice(7));
        if (expiry === undefined) return { ok: false, status: 401, message: "Invalid access token" };
        if (expiry <= clock()) { tokens.delete(authorization.slice(7)); return { ok: false, status: 401, message: "Access token expired" }; }
        return { ok: true, principal: cfg.clientId };
      }
      const pair = basicPair(authorization);
      if (pair && pair[0] === cfg.user && pair[1] === cfg.password) return { ok: true, principal: cfg.user };
      return { ok: false, status: 401, message: "Logon failed" };
    },
    /** A CSRF token for the session in `cookie` (a new session when there is none); returns the Set-Cookie to send. */
    fetchCsrf(cookie: string | undefined): { token: string; setCookie: string | null } {
      const sid = sessionOf(cookie);
      if (sid && sessions.has(sid)) return { token: sessions.get(sid)!, setCookie: null };
      const newSid = randomBytes(16).toString("hex");
      const token = randomBytes(16).toString("base64");
      sessions.set(newSid, token);
      return { token, setCookie: `${SESSION_COOKIE}=${newSid}; path=/; HttpOnly` };
    },
    csrfValid(cookie: string | undefined, token: string | undefined): boolean {
      const sid = sessionOf(cookie);
      return !!sid && !!token && sessions.get(sid) === token;
    },
    reset() { tokens.clear(); sessions.clear(); issued = 0; },
  };
}
export type SapAuth = ReturnType<typeof createSapAuth>;

function sessionOf(cookie: string | undefined): string | null {
  const m = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`).exec(cookie ?? "");
  return m ? m[1]! : null;
}
