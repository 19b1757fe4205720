// Webhook signatures: HMAC-SHA256 over "<unix seconds>.<raw body>", sent as
//   Cashline-Signature: t=<unix seconds>,v1=<hex digest>
// Receivers recompute it with their secret and reject stale timestamps (replay protection).
import crypto from "node:crypto";

export const SIGNATURE_HEADER = "cashline-signature";

export function signWebhook(secret: string, body: string, timestampSeconds: number): string {
  const digest = crypto.createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return `t=${timestampSeconds},v1=${digest}`;
}

export function verifyWebhook(secret: string, body: string, header: string | null, nowSeconds: number, toleranceSeconds = 300): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !parts.v1) return false;
  const expected = Buffer.from(signWebhook(secret, body, t).split("v1=")[1]!, "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
