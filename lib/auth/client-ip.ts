// Which address a request comes from, for sign-in throttling and the audit log.
//
// X-Forwarded-For is written by whoever sent the request, so it only counts when the peer that connected to us is
// a proxy we trust (TRUSTED_PROXIES: comma list of addresses or CIDRs; default none). Then the list is read from
// the right (the hop our proxy saw) and the right-most address that is NOT one of our proxies is the client:
// everything left of it was written by the client and may be invented.
//
// The peer address itself: Next hides the socket from route handlers (it fills X-Forwarded-For from the socket
// only when the client sent none), so instrumentation.ts stamps the real socket address into PEER_HEADER on every
// request, overwriting anything a client sent under that name (lib/http/stamp-peer-address.ts).
import net from "node:net";

export const PEER_HEADER = "x-cashline-peer-address";

type HeaderBag = Headers | Record<string, unknown> | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return typeof v === "string" ? v : Array.isArray(v) ? v.join(",") : undefined;
}

/** "::ffff:10.0.0.1" and "10.0.0.1" are the same client. */
function normalise(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, "");
  return a.toLowerCase().startsWith("::ffff:") && net.isIPv4(a.slice(7)) ? a.slice(7) : a;
}

export function parseTrustedProxies(value: string | undefined): net.BlockList {
  const list = new net.BlockList();
  for (const raw of (value ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [addr, bits] = raw.split("/");
    const address = normalise(addr!);
    const type = net.isIPv6(address) ? "ipv6" : net.isIPv4(address) ? "ipv4" : null;
    if (!type) throw new Error(`TRUSTED_PROXIES: "${raw}" is not an IP address or CIDR`);
    if (bits === undefined) list.addAddress(address, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (type === "ipv4" ? 32 : 128)) throw new Error(`TRUSTED_PROXIES: bad prefix in "${raw}"`);
      list.addSubnet(address, prefix, type);
    }
  }
  return list;
}

function isTrusted(list: net.BlockList, address: string): boolean {
  const a = normalise(address);
  const type = net.isIPv6(a) ? "ipv6" : net.isIPv4(a) ? "ipv4" : null;
  return !!type && list.check(a, type);
}

let cached: { source: string | undefined; list: net.BlockList } | undefined;
function trustedFromEnv(): net.BlockList {
  if (!cached || cached.source !== process.env.TRUSTED_PROXIES) {
    cached = { source: process.env.TRUSTED_PROXIES, list: parseTrustedProxies(process.env.TRUSTED_PROXIES) };
  }
  return cached.list;
}

/** The client's address; "unknown" when the peer was not stamped (then no client can pick its own bucket). */
export function clientIp(headers: HeaderBag, trusted: net.BlockList = trustedFromEnv()): string {
  const peerRaw = header(headers, PEER_HEADER);
  if (!peerRaw || !net.isIP(normalise(peerRaw))) return "unknown";
  let client = normalise(peerRaw);
  if (!isTrusted(trusted, client)) return client;
  const hops = (header(headers, "x-forwarded-for") ?? "").split(",").map((h) => normalise(h)).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!net.isIP(hop)) return client; // garbage in the chain: stop at the last address we could trust
    client = hop;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return client; // every hop is one of our proxies
}
