// The Microsoft identity platform's client-credentials token endpoint as Business Central's service-to-service
// authentication uses it: POST /{tenant}/oauth2/v2.0/token (form-encoded grant_type, client_id, client_secret,
// scope=https://api.businesscentral.dynamics.com/.default) → {token_type, expires_in, ext_expires_in, access_token}.
// Errors are the platform's OAuth shape {error, error_description "AADSTS…", error_codes, timestamp, trace_id, correlation_id}.
import { randomBytes, randomUUID } from "node:crypto";

export const BC_SCOPE = "https://api.businesscentral.dynamics.com/.default";

export type AuthOptions = { tenantId: string; clients: Record<string, string>; tokenLifetimeSeconds: number };
type Token = { clientId: string; tenantId: string; expiresAt: number };

export function createAuth(options: AuthOptions, clock: () => number = Date.now) {
  const tokens = new Map<string, Token>();

  function oauthError(status: number, error: string, code: number, description: string) {
    return {
      status,
      body: { error, error_description: `AADSTS${code}: ${description} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${new Date(clock()).toISOString()}`, error_codes: [code], timestamp: new Date(clock()).toISOString(), trace_id: randomUUID(), correlation_id: randomUUID() },
    };
  }

  /** POST /{tenant}/oauth2/v2.0/token */
  function issue(tenant: string, form: URLSearchParams): { status: number; body: unknown } {
    if (tenant !== options.tenantId) return oauthError(400, "invalid_request", 90002, `Tenant '${tenant}' not found.`);
    if (form.get("grant_type") !== "client_credentials") return oauthError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
    const clientId = form.get("client_id") ?? "";
    if (!(clientId in options.clients)) return oauthError(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
    if (options.clients[clientId] !== form.get("client_secret")) return oauthError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.");
    if (form.get("scope") !== BC_SCOPE) return oauthError(400, "invalid_scope", 1002012, `The provided value for scope ${form.get("scope") ?? ""} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    const accessToken = randomBytes(24).toString("base64url");
    tokens.set(accessToken, { clientId, tenantId: tenant, expiresAt: clock() + options.tokenLifetimeSeconds * 1000 });
    return { status: 200, body: { token_type: "Bearer", expires_in: options.tokenLifetimeSeconds, ext_expires_in: options.tokenLifetimeSeconds, access_token: accessToken } };
  }

  /** The caller of an API request, or why it is refused (→ 401 with WWW-Authenticate). */
  function verify(header: string | undefined, tenant: string): { ok: true; clientId: string } | { ok: false; reason: string } {
    const m = /^Bearer\s+(\S+)$/i.exec(header ?? "");
    if (!m) return { ok: false, reason: "no bearer token" };
    const token = tokens.get(m[1]!);
    if (!token) return { ok: false, reason: "unknown token" };
    if (token.expiresAt <= clock()) return { ok: false, reason: "The access token is expired" };
    if (token.tenantId !== tenant) return { ok: false, reason: "token issued for another tenant" };
    return { ok: true, clientId: token.clientId };
  }

  return { issue, verify, revokeAll: () => tokens.clear() };
}

export function wwwAuthenticate(tenant: string, reason: string): string {
  return `Bearer authorization_uri="https://login.microsoftonline.com/${tenant}/oauth2/authorize", resource_id="https://api.businesscentral.dynamics.com", error="invalid_token", error_description="${reason.replace(/"/g, "'")}"`;
}
