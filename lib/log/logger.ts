// Structured JSON logs, one line each, with whatever context (correlation id, job, request) the caller gives.
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  return ORDER[(process.env.LOG_LEVEL as Level) ?? "info"] ?? 20;
}

function write(level: Level, msg: string, fields: Record<string, unknown> = {}) {
  if (ORDER[level] < threshold()) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export const logger = {
  debug: (msg: string, f?: Record<string, unknown>) => write("debug", msg, f),
  info: (msg: string, f?: Record<string, unknown>) => write("info", msg, f),
  warn: (msg: string, f?: Record<string, unknown>) => write("warn", msg, f),
  error: (msg: string, f?: Record<string, unknown>) => write("error", msg, f),
  child(base: Record<string, unknown>) {
    return {
      debug: (m: string, f?: Record<string, unknown>) => write("debug", m, { ...base, ...f }),
      info: (m: string, f?: Record<string, unknown>) => write("info", m, { ...base, ...f }),
      warn: (m: string, f?: Record<string, unknown>) => write("warn", m, { ...base, ...f }),
      error: (m: string, f?: Record<string, unknown>) => write("error", m, { ...base, ...f }),
    };
  },
};
