// NetSuite REST web services error bodies ("Error Handling in REST Web Services", NetSuite Help Center): an RFC 9110
// `type`, `title`, `status` and `o:errorDetails` [{detail, o:errorCode, o:errorPath?}]. OAuth token-endpoint errors
// use RFC 6749's {error, error_description} instead.
const TYPES: Record<number, string> = {
  400: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1",
  401: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2",
  403: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.4",
  404: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5",
  405: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.6",
  413: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.14",
  429: "https://www.rfc-editor.org/rfc/rfc6585.html#section-4",
  500: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.1",
  502: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.3",
  503: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.4",
};
const TITLES: Record<number, string> = {
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  413: "Payload Too Large", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
};

export type NsErrorBody = {
  type: string; title: string; status: number;
  "o:errorDetails": { detail: string; "o:errorCode": string; "o:errorPath"?: string }[];
};

export class NsError extends Error {
  constructor(readonly status: number, readonly errorCode: string, detail: string, readonly errorPath?: string, readonly headers?: Record<string, string>) {
    super(detail);
  }
}

/** An OAuth 2.0 token-endpoint refusal (RFC 6749 §5.2). */
export class OAuthError extends Error {
  constructor(readonly status: number, readonly error: string, description: string) {
    super(description);
  }
}

export function nsErrorBody(status: number, errorCode: string, detail: string, errorPath?: string): NsErrorBody {
  return {
    type: TYPES[status] ?? TYPES[400]!, title: TITLES[status] ?? "Error", status,
    "o:errorDetails": [{ detail, "o:errorCode": errorCode, ...(errorPath ? { "o:errorPath": errorPath } : {}) }],
  };
}

/** 400 INVALID_VALUE on a field, the shape NetSuite uses for a bad reference or amount. */
export const invalidValue = (path: string, detail: string) => new NsError(400, "INVALID_VALUE", detail, path);
export const userError = (detail: string, path?: string) => new NsError(400, "USER_ERROR", detail, path);
export const notFound = (what: string) => new NsError(404, "NONEXISTENT_ID", `The record instance does not exist. Provide a valid record instance ID. (${what})`);
