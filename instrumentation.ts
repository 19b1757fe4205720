// Runs once when the web server starts (Next's instrumentation hook): warms the database pool and pg-boss
// (used to enqueue a webhook's cash-application job), so the first requests after a deploy are not the ones that
// wait for connections to open. Skipped during `next build` and without a database.
export async function register() {
  // Sign-in throttling and the audit log need the TCP peer's address (lib/auth/client-ip.ts).
  if (process.env.NEXT_RUNTIME === "nodejs") (await import("./lib/http/stamp-peer-address.ts")).stampPeerAddress();
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build" || !process.env.DATABASE_URL) return;
  // Traces over OTLP when an endpoint is configured (lib/tracing); nothing otherwise.
  const { startTracing } = await import("./lib/tracing/tracing.ts");
  startTracing("cashline-web");
  const { warmWebProcess } = await import("./lib/http/warm-web-process.ts");
  await warmWebProcess();
}
