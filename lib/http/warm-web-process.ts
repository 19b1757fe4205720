// The web process's warm-up at start (instrumentation.ts): pooled connections and pg-boss. Never fails the start:
// a database that is not there yet only means the first requests warm up themselves.
import { logger } from "../log/logger.ts";
import { warmConnections } from "../db/warm-connections.ts";
import { getBoss } from "../jobs/boss.ts";
import { env } from "../env.ts";

export async function warmWebProcess(): Promise<void> {
  const started = Date.now();
  try {
    await Promise.race([
      Promise.all([warmConnections(env().WEB_WARM_CONNECTIONS), getBoss()]),
      new Promise((_, reject) => setTimeout(() => reject(new Error("warm-up took over 10 s")), 10_000).unref()),
    ]);
    logger.info("web.warmed", { ms: Date.now() - started });
  } catch (err) {
    logger.warn("web.warm_up_failed", { error: err instanceof Error ? err.message : String(err) });
  }
}
