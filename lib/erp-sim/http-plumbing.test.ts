// The simulators' shared plumbing over real sockets: the body limit answers with the simulator's own error, repeated
// headers are read first-only or joined, and close() ends kept-alive connections instead of waiting for them.
import http from "node:http";
import { describe, expect, it } from "vitest";
import { header, listen, readBody } from "./http-plumbing.ts";

class TooLarge extends Error {}

describe("erp-sim http plumbing", () => {
  it("reads bodies up to the limit and rejects larger ones with the given error; reads repeated headers both ways", async () => {
    const seen: unknown[] = [];
    const server = await listen(async (req, res) => {
      try {
        const body = await readBody(req, 10, () => new TooLarge("too large"));
        seen.push([body, header(req, "x-one"), header(req, "cookie", "; ")]);
        res.writeHead(200).end();
      } catch (e) {
        seen.push(e instanceof TooLarge ? "too large" : e);
        res.writeHead(413).end();
      }
    }, { port: 0 });
    try {
      const post = (body: string, headers: http.OutgoingHttpHeaders) => new Promise<number>((resolve, reject) => {
        const req = http.request(`${server.origin}/`, { method: "POST", headers }, (res) => { res.resume(); resolve(res.statusCode!); });
        req.on("error", reject);
        req.end(body);
      });
      expect(await post("0123456789", { "x-one": "a", cookie: ["s=1", "t=2"] })).toBe(200);
      expect(await post("0123456789A", {})).toBe(413);
      expect(seen).toEqual([["0123456789", "a", "s=1; t=2"], "too large"]);
    } finally {
      await server.close();
    }
  });

  it("close() returns while a client keeps its connection alive", async () => {
    const server = await listen(async (_req, res) => { res.writeHead(200, { connection: "keep-alive" }).end("ok"); }, {});
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) => http.get(`${server.origin}/`, { agent }, (res) => { res.resume(); res.on("end", () => resolve()); }));
    const closed = await Promise.race([server.close().then(() => "closed"), new Promise((r) => setTimeout(() => r("hung"), 2000))]);
    agent.destroy();
    expect(closed).toBe("closed");
  });
});
