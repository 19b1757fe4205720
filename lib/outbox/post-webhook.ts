// One webhook POST under the destination policy. The host is resolved by our own lookup, every resolved address
// is checked, and the socket connects to exactly the address that was checked (no second resolution to rebind).
// Redirects are never followed (a 3xx is a failed delivery). Failures are reported as a short generic class:
// the raw network error ("connect ECONNREFUSED 10.0.0.7:5432") would tell an admin what lives where inside.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { hostAllowListed, isAllowedAddress, policyFromEnv, urlProblem, type DestinationPolicy } from "./destination-policy.ts";

export type DeliveryErrorClass =
  | "url_refused" | "address_refused" | "dns_failed" | "connect_failed" | "tls_failed" | "timeout" | "redirect_refused" | "http_error" | "network_error";

export type PostResult = { ok: true; status: number } | { ok: false; status: number | null; error: DeliveryErrorClass };

type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolve: Resolve = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

class Refused extends Error {
  code = "CASHLINE_ADDRESS_REFUSED";
}

export type PostOptions = { policy?: DestinationPolicy; resolve?: Resolve; timeoutMs?: number };

function classify(err: unknown): DeliveryErrorClass {
  const code = (err as { code?: string }).code ?? "";
  if (err instanceof Refused || code === "CASHLINE_ADDRESS_REFUSED") return "address_refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA") return "dns_failed";
  if (code === "ETIMEDOUT" || code === "CASHLINE_TIMEOUT") return "timeout";
  if (/^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/.test(code)) return "tls_failed";
  if (/^(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EPIPE)$/.test(code)) return "connect_failed";
  return "network_error";
}

export async function postWebhook(rawUrl: string, headers: Record<string, string>, body: string, opts: PostOptions = {}): Promise<PostResult> {
  const policy = opts.policy ?? policyFromEnv();
  const resolve = opts.resolve ?? systemResolve;
  if (urlProblem(rawUrl, policy)) return { ok: false, status: null, error: "url_refused" };
  const url = new URL(rawUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const trusted = hostAllowListed(host, policy);
  // Our lookup: resolve, refuse if ANY address is not allowed, hand the checked addresses to the socket.
  const lookup = (hostname: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    resolve(hostname).then((addrs) => {
      if (addrs.length === 0) throw Object.assign(new Error("no address"), { code: "ENOTFOUND" });
      if (!trusted && addrs.some((a) => !isAllowedAddress(a.address, policy))) throw new Refused("address refused");
      if (options.all) cb(null, addrs);
      else cb(null, addrs[0]!.address, addrs[0]!.family);
    }).catch((err) => cb(err));
  };
  if (net.isIP(host) && !trusted && !isAllowedAddress(host, policy)) return { ok: false, status: null, error: "address_refused" };
  const client = url.protocol === "https:" ? https : http;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return new Promise<PostResult>((done) => {
    const req = client.request(url, {
      method: "POST", lookup: lookup as never, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, agent: false,
    }, (res) => {
      res.resume(); // the answer's body is not needed; drain it so the socket closes
      const status = res.statusCode ?? 0;
      clearTimeout(timer);
      if (status >= 200 && status < 300) done({ ok: true, status });
      else done({ ok: false, status, error: status >= 300 && status < 400 ? "redirect_refused" : "http_error" });
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error("timeout"), { code: "CASHLINE_TIMEOUT" })), timeoutMs);
    req.on("error", (err) => { clearTimeout(timer); done({ ok: false, status: null, error: classify(err) }); });
    req.end(body);
  });
}
