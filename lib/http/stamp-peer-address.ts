// Stamps the TCP peer's address into a header on every incoming HTTP request of this process, overwriting
// whatever a client sent under that name, so route handlers can know who connected (see lib/auth/client-ip.ts).
// Installed once from instrumentation.ts; patches the prototype so it also covers servers Next created earlier.
import http from "node:http";
import { PEER_HEADER } from "../auth/client-ip.ts";

const MARK = Symbol.for("cashline.peerStamp");

export function stampPeerAddress(): void {
  const proto = http.Server.prototype as http.Server & { [MARK]?: boolean };
  if (proto[MARK]) return;
  proto[MARK] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return (emit as (...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof proto.emit;
}
