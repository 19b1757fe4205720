// The correlation id stored in logs and audit rows is ours: a client's `x-request-id` is taken only when it is a
// short, plain token (so it cannot forge log lines, inject markup into the audit page or bloat rows); anything
// else is replaced by a fresh UUID.
import { randomUUID } from "node:crypto";

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestIdFrom(header: string | null): string {
  return header !== null && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}
