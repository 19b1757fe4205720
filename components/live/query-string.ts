// Shared by server pages and client views: the same parameters must give the same query string on both sides,
// so a client view knows the server already rendered that exact query.
export type Params = Record<string, string | number | undefined | null>;

export function toQueryString(params: Params): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") qs.set(k, String(v));
  return qs.toString();
}

export type Initial<T> = { query: string; data: T; at: number };

export function initialOf<T>(params: Params, data: T): Initial<T> {
  return { query: toQueryString(params), data, at: Date.now() };
}
