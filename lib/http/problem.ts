// One error format for every API response: RFC 9457 problem details (application/problem+json).
import { jsonResponse } from "./json-response.ts";
export type ProblemFields = {
  status: number; title: string; detail?: string; type?: string;
  /** `line`/`column` locate a problem in an uploaded file (CSV imports). */
  errors?: { path: string; message: string; line?: number; column?: string | null }[];
  /** For 429/503: seconds until a retry may succeed (sent as Retry-After, not in the body). */
  retryAfterSeconds?: number;
};

export class ProblemError extends Error {
  constructor(readonly problem: ProblemFields) {
    super(problem.detail ?? problem.title);
  }
}

const TITLES: Record<number, string> = {
  400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 409: "Conflict", 410: "Gone",
  413: "Payload too large", 415: "Unsupported media type", 422: "Unprocessable content", 429: "Too many requests",
  500: "Internal server error", 503: "Service unavailable",
};

export function problem(status: number, detail?: string, extra: Partial<ProblemFields> = {}): ProblemError {
  return new ProblemError({ status, title: TITLES[status] ?? "Error", detail, ...extra });
}

export function problemResponse(p: ProblemFields, instance?: string, headers: Record<string, string> = {}): Response {
  const body = { type: p.type ?? "about:blank", title: p.title, status: p.status, detail: p.detail, instance, errors: p.errors };
  return jsonResponse(body, { status: p.status, contentType: "application/problem+json", headers });
}
