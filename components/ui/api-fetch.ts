// Browser → API: same-origin fetch (so the CSRF Origin check passes), JSON in and out, problem+json turned into an
// ApiError whose message is the server's own explanation (shown inline to the user).
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly errors: { path: string; message: string }[] = []) {
    super(message);
  }
}

export async function apiFetch<T>(url: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? { accept: "application/json" } : { "content-type": "application/json", accept: "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
    cache: "no-store",
    signal: init.signal,
  });
  const text = await res.text();
  let json: unknown = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: fall through with the status text */ }
  if (!res.ok) {
    const p = (json ?? {}) as { detail?: string; title?: string; errors?: { path: string; message: string }[] };
    throw new ApiError(res.status, p.detail ?? p.title ?? `${res.status} ${res.statusText}`, p.errors ?? []);
  }
  return json as T;
}

/** "body.lines.0.amount" → "Line 1 amount": the field as the person filling the form knows it. */
export function fieldLabel(path: string): string {
  const parts = path.replace(/^(body|query|params)\.?/, "").split(".").filter(Boolean);
  const words = parts.map((p) => (/^\d+$/.test(p) ? String(Number(p) + 1) : p.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().replace(/s$/, (s) => (parts.length > 1 ? "" : s))));
  const text = words.join(" ") || "request";
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const GENERIC = /^(request body|query|path parameters?) failed validation$/;

/** One line for the user: the server's explanation, field errors by the field's name ("Amount: …"), no raw paths. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const fields = err.errors.map((e) => `${fieldLabel(e.path)}: ${e.message}`);
    return fields.length && GENERIC.test(err.message) ? fields.join(" · ") : [err.message, ...fields].join(" · ");
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * A 409 that means "someone else changed this receipt since you opened it" (reloading helps). Other 409s are the
 * server's answer about the request itself (too much allocated, already reversed…): shown as errors, not conflicts.
 */
export function isConcurrencyConflict(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && /someone else|changed since you opened|reload/i.test(err.message);
}
