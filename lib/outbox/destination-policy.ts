// Where webhooks may go. A subscriber URL is an admin-typed address the server then calls: without limits it is
// a probe into the private network (127.0.0.1:54329, 169.254.169.254, the internal ERP). So: https only (http
// only with WEBHOOK_ALLOW_HTTP), and every address the host resolves to must be public, checked again on the
// resolved addresses at each delivery (DNS may change between registration and delivery: rebinding), unless the
// operator allow-listed it (WEBHOOK_ALLOWED_HOSTS: host names, IPs or CIDRs).
import net from "node:net";
import { env } from "../env.ts";

export type DestinationPolicy = { allowHttp: boolean; allowedHosts: string[]; allowed: net.BlockList };

const BLOCKED_V4 = [
  "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24",
  "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
];
const BLOCKED_V6 = [
  "::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
];

const blocked = new net.BlockList();
for (const c of BLOCKED_V4) { const [a, p] = c.split("/"); blocked.addSubnet(a!, Number(p), "ipv4"); }
for (const c of BLOCKED_V6) { const [a, p] = c.split("/"); blocked.addSubnet(a!, Number(p), "ipv6"); }

function expandV6(ip: string): number[] | null {
  // Returns the 8 hextets of an IPv6 address (with a dotted IPv4 tail folded in), or null.
  let s = ip.toLowerCase().split("%")[0]!;
  const v4tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4tail) {
    const b = v4tail[1]!.split(".").map(Number);
    s = s.slice(0, -v4tail[1]!.length) + `${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head, tail] = s.includes("::") ? s.split("::") as [string, string] : [s, null];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = tail === null ? [] : Array(8 - h.length - t.length).fill("0");
  const all = [...h, ...fill, ...t];
  if (all.length !== 8) return null;
  return all.map((x) => parseInt(x || "0", 16));
}

/** The IPv4 address embedded in an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible, NAT64 or 6to4 address. */
export function embeddedIpv4(ip: string): string | null {
  const h = expandV6(ip);
  if (!h) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (h.slice(0, 5).every((x) => x === 0) && (h[5] === 0xffff || h[5] === 0) && (h[6] || h[7])) return v4(h[6]!, h[7]!); // ::ffff:x, ::x
  if (h[0] === 0x64 && h[1] === 0xff9b && h.slice(2, 6).every((x) => x === 0)) return v4(h[6]!, h[7]!); // 64:ff9b::/96
  if (h[0] === 0x2002) return v4(h[1]!, h[2]!); // 6to4
  return null;
}

/** True when an address is private, loopback, link-local, unique-local, CGNAT, metadata, reserved or multicast. */
export function isPrivateAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 4) return blocked.check(ip, "ipv4");
  if (family !== 6) return true; // not an address: never connect
  const inner = embeddedIpv4(ip);
  if (inner) return blocked.check(inner, "ipv4");
  return blocked.check(ip.split("%")[0]!, "ipv6");
}

export function policyFromEnv(): DestinationPolicy {
  const e = env();
  return makePolicy({ allowHttp: e.WEBHOOK_ALLOW_HTTP ? e.WEBHOOK_ALLOW_HTTP === "true" : e.NODE_ENV === "development", allowedHosts: e.WEBHOOK_ALLOWED_HOSTS });
}

export function makePolicy(input: { allowHttp: boolean; allowedHosts: string }): DestinationPolicy {
  const allowed = new net.BlockList();
  const hosts: string[] = [];
  for (const entry of input.allowedHosts.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const [addr, prefix] = entry.split("/") as [string, string | undefined];
    const family = net.isIP(addr);
    if (family) allowed.addSubnet(addr, prefix ? Number(prefix) : family === 4 ? 32 : 128, family === 4 ? "ipv4" : "ipv6");
    else hosts.push(entry);
  }
  return { allowHttp: input.allowHttp, allowedHosts: hosts, allowed };
}

export function isAllowedAddress(ip: string, policy: DestinationPolicy): boolean {
  const family = net.isIP(ip);
  const inner = family === 6 ? embeddedIpv4(ip) : null;
  if (inner ? policy.allowed.check(inner, "ipv4") : family && policy.allowed.check(ip, family === 4 ? "ipv4" : "ipv6")) return true;
  return !isPrivateAddress(ip);
}

export const hostAllowListed = (host: string, policy: DestinationPolicy) => policy.allowedHosts.includes(host.toLowerCase());

/** Checks a URL's form (scheme, credentials, literal addresses); the error says what is wrong, or null. */
export function urlProblem(raw: string, policy: DestinationPolicy): string | null {
  let url: URL;
  try { url = new URL(raw); } catch { return "not a URL"; }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && policy.allowHttp)) {
    return policy.allowHttp ? "must be an http(s) URL" : "must be an https URL (events carry payer names and amounts)";
  }
  if (url.username || url.password) return "must not carry credentials";
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (hostAllowListed(host, policy)) return null;
  if (net.isIP(host)) return isAllowedAddress(host, policy) ? null : "points at a private, loopback or link-local address";
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local") || !host.includes(".")) {
    return "points at a local or internal host name";
  }
  return null;
}
