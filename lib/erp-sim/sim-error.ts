// Errors the simulated ERP answers with: RFC 9457 problem details (the shape Cashline's own API uses), plus an
// ERP-style `errorCode` a client can branch on without parsing the human message.
export type SimProblem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errorCode: string;
  errors?: { path: string; message: string }[];
};

const TITLES: Record<number, string> = {
  400: "Bad request", 404: "Not found", 405: "Method not allowed", 409: "Conflict", 413: "Payload too large",
  422: "Unprocessable content", 429: "Too many requests", 500: "Internal server error", 502: "Bad gateway",
  503: "Service unavailable",
};

export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    detail: string,
    readonly errors?: { path: string; message: string }[],
  ) {
    super(detail);
  }
}

export function problemBody(status: number, errorCode: string, detail: string, errors?: SimProblem["errors"]): SimProblem {
  return { type: "about:blank", title: TITLES[status] ?? "Error", status, detail, errorCode, ...(errors ? { errors } : {}) };
}
