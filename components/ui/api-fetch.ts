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

/** One line for the user: the server's detail plus any field errors. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return [err.message, ...err.errors.map((e) => `${e.path}: ${e.message}`)].join(" · ");
  return err instanceof Error ? err.message : String(err);
}
