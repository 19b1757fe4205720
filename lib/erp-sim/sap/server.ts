// SAP S/4HANA Cloud simulator (node:http): the SOAP services of communication scenario SAP_COM_0002 (Journal Entry –
// Post (Synchronous), Journal Entry – Clearing (Asynchronous)), the OData V2 reads Cashline needs, the OAuth token
// endpoint, basic auth, CSRF, and the shared fault injection and control plane (lib/erp-sim/faults.ts, /__sim/*).
import type http from "node:http";
import { createRng, type Rng } from "../rng.ts";
import { createFaults, type InjectedFault } from "../faults.ts";
import { dropAfterCommit, faultGate, header as firstHeader, listen, readBody } from "../http-plumbing.ts";
import { SimError } from "../sim-error.ts";
import { parseXml, soapBody, XmlError, soapEnvelope } from "../../erp/sap/xml.ts";
import { createSapAuth, TOKEN_PATH, type SapAuthOptions } from "./auth.ts";
import { handleSapAdmin } from "./admin.ts";
import { handleJournalEntryPost } from "./journal-entry-post.ts";
import { handleJournalEntryClearing } from "./journal-entry-clearing.ts";
import { handleOData, ODATA_ROOT, ODataError, odataErrorBody } from "./odata.ts";
import { SoapFault, soapFaultXml } from "./soap-fault.ts";
import { emptySapState, type SapState } from "./state.ts";

export const JE_POST_PATH = "/sap/bc/srt/scs_ext/sap/journalentrycreaterequestconfi";
export const JE_CLEARING_PATH = "/sap/bc/srt/scs_ext/sap/journalentrybulkclearingreques";

export type SapSimOptions = {
  port?: number; host?: string; seed?: number;
  log?: (entry: { method: string; path: string; status: number | "dropped"; ms: number; fault?: string }) => void;
  auth?: SapAuthOptions;
  /** Requests per second before 429 (default 50, SAP's fair-use throttling stand-in); null = unlimited. */
  rateLimitPerSecond?: number | null;
};
export type SapSim = { url: string; port: number; close(): Promise<void>; ledger(): SapState };

const MAX_BODY = 2_000_000;
const tooLarge = () => new SimError(413, "PAYLOAD_TOO_LARGE", `request body over ${MAX_BODY} bytes`);
/** Repeated headers joined (several Cookie headers are one cookie list). */
const header = (req: http.IncomingMessage, name: string) => firstHeader(req, name, "; ");

export async function startSapSim(options: SapSimOptions = {}): Promise<SapSim> {
  let state = emptySapState();
  let rng: Rng = createRng(options.seed ?? 1);
  let requests = 0;
  const faults = createFaults(() => rng);
  const auth = createSapAuth(options.auth);
  const defaults = () => faults.apply({ rate_limit_per_second: options.rateLimitPerSecond === undefined ? 50 : options.rateLimitPerSecond });
  defaults();
  const admin = {
    state: () => state, replace: (s: SapState) => { state = s; }, faults, defaults, reseed: (seed: number) => { rng = createRng(seed); },
    requests: () => requests, tokensIssued: () => auth.tokensIssued(), resetCounters: () => { requests = 0; auth.reset(); },
  };
  let origin = "";

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://sim.local");
    const method = req.method ?? "GET";
    const entry: { method: string; path: string; status: number | "dropped"; ms: number; fault?: string } = { method, path: url.pathname, status: 0, ms: 0 };
    const done = (status: number | "dropped") => { entry.status = status; entry.ms = Math.round(performance.now() - started); options.log?.(entry); };
    const kind = url.pathname.startsWith(ODATA_ROOT) ? "odata" : url.pathname.startsWith("/sap/bc/srt/") ? "soap" : "other";
    const fail = (status: number, code: string, message: string, headers: Record<string, string> = {}) => {
      if (kind === "soap") return done(sendRaw(res, status, "text/xml; charset=utf-8", soapFaultXml(message), headers));
      if (kind === "odata") return done(sendRaw(res, status, "application/json", JSON.stringify(odataErrorBody(code, message)), headers));
      return done(sendRaw(res, status, "application/json", JSON.stringify({ error: code, error_description: message }), headers));
    };
    try {
      const raw = await readBody(req, MAX_BODY, tooLarge);
      if (url.pathname.startsWith("/__sim/")) {
        const out = handleSapAdmin(admin, method, url.pathname, raw.trim() ? JSON.parse(raw) : undefined);
        return done(sendRaw(res, out.status, "application/json", JSON.stringify(out.body)));
      }
      requests++;
      const fault: InjectedFault | null = await faultGate(faults);
      if (fault) {
        entry.fault = fault.kind;
        return fail(fault.status, fault.errorCode, fault.detail, fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : {});
      }
      if (url.pathname === TOKEN_PATH && method === "POST") {
        const out = auth.token(header(req, "authorization"), new URLSearchParams(raw));
        return done(sendRaw(res, out.status, "application/json", JSON.stringify(out.body)));
      }
      const who = auth.authenticate(header(req, "authorization"));
      if (!who.ok) return done(sendRaw(res, 401, "text/plain", who.message, { "www-authenticate": 'Basic realm="SAP NetWeaver Application Server [SIM/100]"' }));
      let committed = false;
      let reply: () => number;
      if (kind === "soap" && method === "POST" && (url.pathname === JE_POST_PATH || url.pathname === JE_CLEARING_PATH)) {
        const request = soapBody(parseXml(raw));
        if (url.pathname === JE_POST_PATH) {
          const out = handleJournalEntryPost(state, request);
          committed = out.committed;
          reply = () => sendRaw(res, 200, "text/xml; charset=utf-8", soapEnvelope(out.xml));
        } else {
          committed = handleJournalEntryClearing(state, request).committed;
          reply = () => sendRaw(res, 202, "text/xml", "");
        }
      } else if (kind === "odata") {
        const csrfHeaders: Record<string, string> = {};
        if (method === "GET" && header(req, "x-csrf-token")?.toLowerCase() === "fetch") {
          const csrf = auth.fetchCsrf(header(req, "cookie"));
          csrfHeaders["x-csrf-token"] = csrf.token;
          if (csrf.setCookie) csrfHeaders["set-cookie"] = csrf.setCookie;
        }
        if (method !== "GET" && !auth.csrfValid(header(req, "cookie"), header(req, "x-csrf-token"))) {
          return done(sendRaw(res, 403, "text/plain", "CSRF token validation failed", { "x-csrf-token": "Required" }));
        }
        let body: unknown;
        if (method === "POST") {
          try { body = JSON.parse(raw); } catch { throw new ODataError(400, "CX_SXML_PARSE_ERROR", "Error while parsing an XML stream: the request body is not valid JSON"); }
        }
        const out = handleOData(state, { method, path: url.pathname, query: url.searchParams, body, origin });
        committed = out.committed;
        reply = () => sendRaw(res, out.status, "application/json", JSON.stringify(out.body), csrfHeaders);
      } else {
        throw new SimError(404, "NOT_FOUND", `no service at ${method} ${url.pathname}`);
      }
      // The worst case for a client: SAP committed, the answer never arrives (connection reset).
      if (dropAfterCommit(faults, committed, req)) {
        entry.fault = "dropped_after_commit";
        return done("dropped");
      }
      return done(reply());
    } catch (e) {
      if (res.headersSent || res.destroyed) return done(500);
      if (e instanceof ODataError) return fail(e.status, e.code, e.message);
      if (e instanceof SoapFault || e instanceof XmlError) return fail(500, "SOAP", e.message);
      if (e instanceof SimError) return done(sendRaw(res, e.status, "application/json", JSON.stringify({ errorCode: e.errorCode, detail: e.message })));
      if (e instanceof SyntaxError) return done(sendRaw(res, 400, "application/json", JSON.stringify({ errorCode: "INVALID_JSON", detail: e.message })));
      console.error(e);
      return fail(500, "INTERNAL", `simulator bug: ${(e as Error).message}`);
    }
  }

  const server = await listen(handle, options);
  origin = server.origin;
  return { url: origin, port: server.port, ledger: () => state, close: server.close };
}

function sendRaw(res: http.ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): number {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
  return status;
}
