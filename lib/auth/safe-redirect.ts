// The one gate every "where to go after sign-in" address passes (sign-in page, sign-in form, next-auth's redirect
// callback). Only a same-origin, relative path survives; anything else becomes the fallback ("/").
//
// Why so strict: browsers treat `\` like `/` and drop tabs/newlines inside URLs, so `/\evil.example`,
// `/%5Cevil.example` (decoded by Next before the page sees it) or `/\t/evil.example` all mean
// `//evil.example` — another site. The address is therefore checked in its raw form AND after percent-decoding
// (repeatedly, against double encoding), and resolved against a dummy origin as a final check.
const DUMMY_ORIGIN = "http://cashline.invalid";
const MAX_LENGTH = 2048;

function fullyDecoded(value: string): string | null {
  let current = value;
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null; // malformed escapes: refuse rather than guess
    }
    if (next === current) return current;
    current = next;
  }
  return null; // still changing after five rounds: nobody legitimate encodes that deep
}

function isSafeForm(path: string): boolean {
  if (!path.startsWith("/")) return false; // relative to this site only: no scheme, no host, no "evil.example"
  if (path.startsWith("//")) return false; // protocol-relative: another host
  if (path.includes("\\")) return false; // browsers read "\" as "/"
  // Control characters, whitespace (stripped by URL parsers, so "/\t/evil" becomes "//evil") and the
  // Unicode line/paragraph separators.
  if (/[\u0000-\u0020\u007f-\u009f\u2028\u2029\u00a0\u1680\u180e\u2000-\u200f\u202f\u205f\u3000\ufeff]/.test(path)) return false;
  try {
    const resolved = new URL(path, DUMMY_ORIGIN);
    return resolved.origin === DUMMY_ORIGIN;
  } catch {
    return false;
  }
}

/** The path to send the user to, or `fallback` when `input` is not a plain same-origin path. */
export function safeRedirectPath(input: unknown, fallback = "/"): string {
  if (typeof input !== "string" || input.length === 0 || input.length > MAX_LENGTH) return fallback;
  const decoded = fullyDecoded(input);
  if (decoded === null) return fallback;
  if (!isSafeForm(input) || !isSafeForm(decoded)) return fallback;
  return input;
}

/**
 * next-auth's redirect callback: it hands over absolute URLs (baseUrl + path) or paths. Same-origin ones keep
 * their path (when that path is safe); everything else goes home.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  let path = url;
  if (url.startsWith(`${base}/`) || url === base) path = url.slice(base.length) || "/";
  return `${base}${safeRedirectPath(path)}`;
}
