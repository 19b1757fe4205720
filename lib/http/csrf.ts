// Cross-site request forgery guard for cookie-authenticated state changes: the request must come from our own
// origin (Origin header, or Referer when a browser omits Origin). SameSite=Lax cookies are the first line.
export function isSameOrigin(req: Request): boolean {
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const source = req.headers.get("origin") ?? req.headers.get("referer");
  if (!host || !source || source === "null") return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}
