import { describe, expect, it } from "vitest";
import { embeddedIpv4, isAllowedAddress, isPrivateAddress, makePolicy, urlProblem } from "./destination-policy.ts";

describe("destination policy", () => {
  it("classifies private, loopback, link-local, unique-local, CGNAT, metadata and reserved addresses", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255",
      "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "ff02::1"]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ["93.184.215.14", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"]) expect(isPrivateAddress(ip), ip).toBe(false);
    expect(isPrivateAddress("not-an-ip")).toBe(true);
    expect(embeddedIpv4("::ffff:10.0.0.1")).toBe("10.0.0.1");
  });

  it("lets the operator allow-list IPs, CIDRs and host names", () => {
    const policy = makePolicy({ allowHttp: false, allowedHosts: "127.0.0.1, 10.20.0.0/16, erp.corp.example" });
    expect(isAllowedAddress("127.0.0.1", policy)).toBe(true);
    expect(isAllowedAddress("::ffff:127.0.0.1", policy)).toBe(true);
    expect(isAllowedAddress("127.0.0.2", policy)).toBe(false);
    expect(isAllowedAddress("10.20.3.4", policy)).toBe(true);
    expect(isAllowedAddress("10.21.3.4", policy)).toBe(false);
    expect(urlProblem("https://erp.corp.example/hook", policy)).toBeNull();
    expect(urlProblem("https://169.254.169.254/", policy)).toMatch(/private/);
    expect(urlProblem("ftp://example.com/", policy)).toMatch(/https/);
  });
});
