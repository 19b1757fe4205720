// Idempotency keys as a cloud ERP implements them: the first successful write under a key is remembered with its
// response; the same key and the same request again replays that response (200, nothing booked); the same key
// with a different request (other body or other endpoint) is refused with 422. Failed writes are not remembered,
// so a request refused for a fixable reason can be retried under its key once fixed.
import crypto from "node:crypto";
import { SimError } from "./sim-error.ts";

export type IdempotencyRecord = {
  key: string;
  method: string;
  path: string;
  fingerprint: string;
  status: number;
  body: unknown;
  resource: { type: "standardReceipt" | "receiptApplication" | "customerAccount" | "receivablesInvoice"; id: number };
  createdAt: string;
};

/** Same request = same method, path and JSON body (object keys in any order). */
export function fingerprint(method: string, path: string, body: unknown): string {
  return crypto.createHash("sha256").update(`${method} ${path}\n${stableJson(body)}`).digest("hex");
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export const MAX_KEY_LENGTH = 255;

export function validateKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new SimError(400, "INVALID_IDEMPOTENCY_KEY", `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters`);
  }
  return key;
}

/** The remembered response for a repeat, or undefined for a first use; throws 422 when the key was used differently. */
export function replayFor(keys: Record<string, IdempotencyRecord>, key: string, print: string): IdempotencyRecord | undefined {
  const previous = keys[key];
  if (!previous) return undefined;
  if (previous.fingerprint !== print) {
    throw new SimError(422, "IDEMPOTENCY_KEY_REUSED",
      `Idempotency-Key "${key}" was already used for a different request (${previous.method} ${previous.path}, ${previous.resource.type} ${previous.resource.id}); use a new key for a new request`);
  }
  return previous;
}
