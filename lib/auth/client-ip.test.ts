// Finding 4: the sign-in throttle and the audit log trusted the client's X-Forwarded-For.
import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { clientIp, parseTrustedProxies, PEER_HEADER } from "./client-ip.ts";
import { stampPeerAddress } from "../http/stamp-peer-address.ts";

const none = parseTrustedProxies(undefined);

describe("clientIp", () => {
  it("ignores X-Forwarded-For when no proxy is trusted (the default): rotating it gives no fresh address", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) seen.add(clientIp({ [PEER_HEADER]: "203.0.113.9", "x-forwarded-for": `10.0.${i}.1` }, none));
    expect([...seen]).toEqual(["203.0.113.9"]);
    // …which is exactly what the old code got wrong: it took the first X-Forwarded-For entry.
    const old = (h: Record<string, string>) => h["x-forwarded-for"]!.split(",")[0]!.trim();
    expect(old({ "x-forwarded-for": "10.0.1.1" })).not.toBe(old({ "x-forwarded-for": "10.0.2.1" }));
  });

  it("behind trusted proxies takes the right-most address that is not a proxy", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 192.168.1.5, fd00::/8");
    const h = (peer: string, xff: string) => ({ [PEER_HEADER]: peer, "x-forwarded-for": xff });
    expect(clientIp(h("10.1.2.3", "6.6.6.6, 198.51.100.7"), trusted)).toBe("198.51.100.7");
    expect(clientIp(h("10.1.2.3", "6.6.6.6, 198.51.100.7, 192.168.1.5"), trusted)).toBe("198.51.100.7");
    expect(clientIp(h("::ffff:10.1.2.3", "198.51.100.7"), trusted)).toBe("198.51.100.7");
    expect(clientIp(h("fd00::1", "2001:db8::5"), trusted)).toBe("2001:db8::5");
    // garbage in the chain stops the walk at the last address a trusted hop vouched for
    expect(clientIp(h("10.1.2.3", "198.51.100.7, not-an-ip"), trusted)).toBe("10.1.2.3");
    // a peer that is not a trusted proxy: its X-Forwarded-For means nothing
    expect(clientIp(h("198.51.100.99", "1.2.3.4"), trusted)).toBe("198.51.100.99");
  });

  it("without a stamped peer every request shares one bucket instead of choosing its own", () => {
    expect(clientIp({ "x-forwarded-for": "1.2.3.4" }, none)).toBe("unknown");
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4" }), none)).toBe("unknown");
  });

  it("refuses a malformed TRUSTED_PROXIES", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("stampPeerAddress", () => {
  const server = http.createServer((req, res) => res.end(String(req.headers[PEER_HEADER])));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("overwrites a peer header the client sent with the socket's real address", async () => {
    stampPeerAddress();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" } });
    expect(await res.text()).toBe("127.0.0.1");
  });
});
