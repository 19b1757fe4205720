// Environment, validated once. Every process (web, worker, simulators, scripts) reads configuration here.
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  DEMO_PASSWORD: z.string().min(8).default("cashline-demo"),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  ERP_URL: z.string().url().default("http://127.0.0.1:4010"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Largest bank file an upload may carry (bytes); larger ones are answered 413. */
  BANK_UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  /** Parse time one bank file may take (ms, parser thread busy time) before it is stopped and the file quarantined. */
  BANK_PARSE_TIME_LIMIT_MS: z.coerce.number().int().positive().default(60_000),
  /** Heap of the bank-file parser thread (MB); a file that needs more is quarantined. */
  BANK_PARSE_MEMORY_MB: z.coerce.number().int().min(16).default(256),
  /** Attempts at one drop-folder file (counted in the database, also across crashes) before it goes to quarantine/. */
  BANK_DROP_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(3),
  /** The landing folder the worker polls for bank files (like an SFTP drop zone). */
  BANK_DROP_DIR: z.string().min(1).default(".data/bank-drop"),
  /** Largest remittance advice file an upload or API call may carry (bytes); larger ones are answered 413. */
  REMITTANCE_UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** The landing folder the worker polls for remittance advice files (processed/ and quarantine/ below it). */
  REMITTANCE_DROP_DIR: z.string().min(1).default(".data/remittance-drop"),
  /** IMAP mailbox of e-mailed remittance advices (lib/remittance/mailbox-config.ts); unset → no mailbox polling. */
  REMITTANCE_IMAP_HOST: z.string().min(1).optional(),
  REMITTANCE_IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
  /** Implicit TLS (IMAPS, port 993); `false` for plain IMAP, upgraded by STARTTLS when the server offers it. */
  REMITTANCE_IMAP_TLS: z.enum(["true", "false"]).default("true"),
  REMITTANCE_IMAP_USER: z.string().min(1).optional(),
  REMITTANCE_IMAP_PASSWORD: z.string().min(1).optional(),
  REMITTANCE_IMAP_FOLDER: z.string().min(1).default("INBOX"),
  /** Where a taken-in message is moved; empty → it stays in the folder, flagged \\Seen. */
  REMITTANCE_IMAP_PROCESSED_FOLDER: z.string().default("Processed"),
  /** Where a message that cannot be taken in waits for a person (flagged). */
  REMITTANCE_IMAP_ERROR_FOLDER: z.string().min(1).default("Remittance errors"),
  REMITTANCE_IMAP_EVERY_SECONDS: z.coerce.number().int().min(5).default(60),
  /**
   * Which work this worker process takes: `all` (default), `express` (only the small, latency-bound jobs: a
   * webhook's payment, a short statement) or `bulk` (everything else, at a lower OS priority). Split them when
   * big statement imports must not slow card payments down; keep at least one `all` or `express` worker running.
   */
  WORKER_LANES: z.enum(["all", "express", "bulk"]).default("all"),
  /** Database connections the web opens and warms at start (instrumentation.ts), before taking traffic. */
  WEB_WARM_CONNECTIONS: z.coerce.number().int().min(0).max(100).default(8),
  /** OS niceness (0–19) a `bulk` worker gives itself, so express work and the web get the CPU first. */
  WORKER_BULK_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** A worker whose job handler has run this many seconds past its job's expiry leaves (exit 70) for its supervisor
   *  to start a fresh one (pg-boss gives a worker with a hung handler nothing more from that queue); 0 = never. */
  WORKER_HANG_EXIT_SECONDS: z.coerce.number().int().min(0).default(300),
  /** Bearer token Prometheus presents to GET /api/metrics and to the workers' metrics port; unset → metrics off. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Port of a worker's own HTTP server (/metrics, /healthz, /readyz) on 127.0.0.1 by default; unset → none. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Address the worker's metrics server listens on. */
  WORKER_METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  /** AES-256-GCM key (base64 of 32 bytes) sealing secrets at rest (lib/crypto/secret-box.ts). */
  CASHLINE_ENCRYPTION_KEY: z.string().optional(),
  /** Earlier keys (comma-separated base64), still opened while secrets are resealed with the current key. */
  CASHLINE_ENCRYPTION_OLD_KEYS: z.string().optional(),
  /** Plain-http webhook subscriber URLs: allowed only when true (defaults to true in development only). */
  WEBHOOK_ALLOW_HTTP: z.enum(["true", "false"]).optional(),
  /** Hosts, IPs or CIDRs webhooks may reach although private/loopback (comma-separated, e.g. 127.0.0.1,10.1.0.0/16). */
  WEBHOOK_ALLOWED_HOSTS: z.string().default(""),
  /** Plain-http ERP connection URLs (credentials travel on them): allowed only when true (defaults to true in development only). */
  ERP_ALLOW_HTTP: z.enum(["true", "false"]).optional(),
  /** How long a receipt may wait in a state before it is STALLED, e.g. `APPLIED=4h,RECEIVED=30m` (lib/receipts/stall-thresholds.ts). */
  /** ECB reference-rate file (eurofxref-daily.xml or -hist.xml) the worker imports every FX_RATES_EVERY_MINUTES; unset → no scheduled import. */
  FX_RATES_URL: z.string().url().optional(),
  FX_RATES_EVERY_MINUTES: z.coerce.number().int().min(1).default(60),
  STALL_THRESHOLDS: z.string().regex(/^\s*([A-Z_]+=\d+[smhd]\s*(,\s*|$))*$/, "STATE=<number><s|m|h|d>, comma-separated").default(""),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;
export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`invalid environment variable ${issue?.path.join(".")}: ${issue?.message}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (the demo and test scripts set it; see README: Database)");
  return url;
}
