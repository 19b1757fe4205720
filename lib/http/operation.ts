// An API operation: its method, path, who may call it and the zod schemas of its input and output. The same
// object drives validation in the route handler, the OpenAPI document and the role-matrix tests.
import type { z } from "zod";
import type { Role } from "../auth/roles.ts";

export type Access =
  | { kind: "public" }
  | { kind: "session"; roles: readonly Role[] }
  | { kind: "api_key"; scope: string; roles?: readonly Role[] };

export type Operation = {
  id: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI-style path, e.g. /api/v1/receipts/{id}. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Body is not JSON (file uploads): documented, read by the handler itself. */
  rawBody?: { contentTypes: string[]; description: string };
  /** Largest JSON body accepted (bytes); default JSON_BODY_MAX_BYTES (lib/http/read-body.ts). Larger: 413. */
  maxBodyBytes?: number;
  response?: z.ZodType;
  responseStatus?: number;
  /** Public to the router but authenticated by the handler itself (e.g. a bearer token from the environment). */
  ownAuth?: string;
  /** Audit action for calls by machine clients (API keys); default `api.<id>`. */
  auditAction?: string;
  /**
   * A sender that retries on its own (a connector pushing events): while the database pool's queue is long, the call
   * is answered 503 with Retry-After before any work — before the API key is looked up or the call audited
   * (lib/http/admission.ts) — instead of waiting for a connection and failing with a 500 after all.
   */
  shedWhenBusy?: boolean;
};

export function defineOperation<const T extends Operation>(op: T): T {
  return op;
}
