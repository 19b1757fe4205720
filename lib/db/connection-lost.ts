// Whether an error means "the database is not there" (down, restarting, unreachable) rather than "this query was
// wrong": the first kind is waited out with backoff, the second is the caller's business.
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "EPIPE", "EAI_AGAIN"]);
// SQLSTATE class 08 (connection exception) and 57P01–57P03 (admin/crash shutdown, cannot connect now).
const SQLSTATE = /^(08...|57P0[123])$/;
const MESSAGES = [/connection terminated/i, /terminating connection/i, /connection ended/i, /Connection refused/i, /can't reach database server/i, /timeout exceeded when trying to connect/i, /the database system is (starting up|shutting down)/i];

export function isConnectionLost(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && (NETWORK_CODES.has(e.code) || SQLSTATE.test(e.code))) return true;
  if (typeof e.message === "string" && MESSAGES.some((m) => m.test(e.message as string))) return true;
  // AggregateError (several addresses refused) and wrapped errors (Prisma's adapter keeps the driver's in cause).
  if (Array.isArray(e.errors) && e.errors.some((x) => isConnectionLost(x, depth + 1))) return true;
  return isConnectionLost(e.cause, depth + 1);
}
