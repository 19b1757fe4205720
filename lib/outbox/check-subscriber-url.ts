// Registration-time check of a subscriber URL: its form (destination-policy.ts) and, when the host resolves now,
// its addresses. Delivery checks the resolved addresses again (post-webhook.ts): this check is for a clear error
// at once, not the protection itself.
import dns from "node:dns";
import net from "node:net";
import { problem } from "../http/problem.ts";
import { hostAllowListed, isAllowedAddress, policyFromEnv, urlProblem, type DestinationPolicy } from "./destination-policy.ts";

export async function checkSubscriberUrl(raw: string, policy: DestinationPolicy = policyFromEnv()): Promise<void> {
  const refuse = (message: string) => problem(422, `subscriber URL ${message}`, { errors: [{ path: "body.url", message }] });
  const formProblem = urlProblem(raw, policy);
  if (formProblem) throw refuse(formProblem);
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) || hostAllowListed(host, policy)) return;
  const addrs = await dns.promises.lookup(host, { all: true, verbatim: true }).catch(() => []);
  if (addrs.some((a) => !isAllowedAddress(a.address, policy))) throw refuse("resolves to a private, loopback or link-local address");
}
