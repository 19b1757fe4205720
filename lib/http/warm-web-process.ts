// The web process's warm-up at start (instrumentation.ts): pooled connections and pg-boss. Never fails the start:
// a database that is not there yet only means the first requests warm up themselves.
import { logger } from "../log/logger.ts";
import { warmConnections } from "../db/warm-connections.ts";
import { getBoss, useBossAsSenderOnly } from "../jobs/boss.ts";
import { env, requireDatabaseUrl } from "../env.ts";
import { isSuperuser } from "../db/app-role.ts";

export async function warmWebProcess(): Promise<void> {
  const started = Date.now();
  useBossAsSenderOnly();
  try {
    await Promise.race([
      Promise.all([warmConnections(env().WEB_WARM_CONNECTIONS), getBoss()]),
      new Promise((_, reject) => setTimeout(() => reject(new Error("warm-up took over 10 s")), 10_000).unref()),
    ]);
    logger.info("web.warmed", { ms: Date.now() - started });
    // A superuser can rewrite the audit log: the web should connect as a login role in cashline_app (README: Audit log).
    if (await isSuperuser(requireDatabaseUrl())) logger.warn("db.superuser", { msg: "DATABASE_URL connects as a superuser; use a login role in cashline_app" });
  } catch (err) {
    logger.warn("web.warm_up_failed", { error: err instanceof Error ? err.message : String(err) });
  }
}
