// What both connector simulators share: zod-checked flags, a localhost-only target, and a paced sender that
// stops by itself (count and time bounds) and retries failed deliveries the way a real sender does.
import { parseArgs } from "node:util";
import { z } from "zod";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export const localUrl = z.string().url().refine((u) => LOCAL_HOSTS.has(new URL(u).hostname), "the simulators only send to localhost / 127.0.0.1");

export function parseFlags<S extends z.ZodObject>(schema: S, argv: string[], usage: string): z.infer<S> {
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, { type: "string" as const }]));
    ({ values } = parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, strict: true }));
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(values).filter(([k, v]) => k !== "help" && v !== undefined && v !== "")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid --${issue?.path.join(".")}: ${issue?.message}\n${usage}`);
  }
  return parsed.data;
}

/** status 0: no HTTP answer at all (`error` says why). */
export type SendOutcome = { status: number; body: unknown; error?: string };

/** POST with retries on network errors, 429 and 5xx (exponential backoff; Retry-After honoured on 429 and 503). */
export async function postWithRetry(url: string, makeRequest: () => { body: string; headers: Record<string, string> }, opts: { retries?: number; onRetry?: (attempt: number, why: string) => void } = {}): Promise<SendOutcome & { attempts: number }> {
  const retries = opts.retries ?? 4;
  for (let attempt = 1; ; attempt++) {
    let outcome: SendOutcome;
    let waitMs = 500 * 2 ** (attempt - 1);
    try {
      const { body, headers } = makeRequest();
      const res = await fetch(url, { method: "POST", body, headers, signal: AbortSignal.timeout(30_000) });
      const text = await res.text();
      let parsed: unknown = text;
      try { parsed = JSON.parse(text); } catch { /* not JSON */ }
      outcome = { status: res.status, body: parsed };
      if (res.status === 429 || res.status === 503) waitMs = Math.max(waitMs, Number(res.headers.get("retry-after") ?? 1) * 1000);
      if (res.status < 500 && res.status !== 429) return { ...outcome, attempts: attempt };
    } catch (e) {
      outcome = { status: 0, body: null, error: (e as Error).message };
    }
    if (attempt > retries) return { ...outcome, attempts: attempt };
    opts.onRetry?.(attempt, outcome.status ? `HTTP ${outcome.status}` : (outcome.error ?? "no answer"));
    await new Promise((r) => setTimeout(r, Math.min(waitMs, 30_000)));
  }
}

/** Runs `send` for each item at `ratePerSecond`, stopping after the items or `maxSeconds`, whichever first. */
export async function paced<T>(items: T[], ratePerSecond: number, maxSeconds: number, send: (item: T, index: number) => Promise<void>): Promise<{ sent: number; stoppedByTime: boolean }> {
  const started = Date.now();
  const gapMs = 1000 / ratePerSecond;
  for (let i = 0; i < items.length; i++) {
    if (Date.now() - started > maxSeconds * 1000) return { sent: i, stoppedByTime: true };
    const due = started + i * gapMs;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    await send(items[i]!, i);
  }
  return { sent: items.length, stoppedByTime: false };
}

export const logLine = (fields: Record<string, unknown>) => process.stdout.write(JSON.stringify({ t: new Date().toISOString(), ...fields }) + "\n");
