// Child processes for the demo and the test harness: started with a label, output prefixed, supervised (a
// process that exits unexpectedly is restarted with backoff), all stopped together, and none outliving us:
// every Node child carries a lifeline (lifeline.cjs) that ends it when this process is gone, even SIGKILLed.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export type Managed = { name: string; child: ChildProcess; restarts: number };
type Spec = { name: string; command: string; args: string[]; env: NodeJS.ProcessEnv; quiet: boolean; restart: boolean };

const running = new Map<string, Supervised>();
let stopping = false;
const LIFELINE = path.join(import.meta.dirname, "lifeline.cjs");

/** Delay before restart n (0-based): 1, 2, 4 … 30 s. A process that ran a minute before dying starts again at 1 s. */
export function restartDelayMs(restartsInARow: number): number {
  return Math.min(30_000, 1000 * 2 ** restartsInARow);
}

export function lifelineEnv(env: NodeJS.ProcessEnv, parentPid = process.pid): NodeJS.ProcessEnv {
  const options = [env.NODE_OPTIONS, `--require ${LIFELINE}`].filter(Boolean).join(" ");
  return { ...env, NODE_OPTIONS: options, CASHLINE_LIFELINE_PID: String(parentPid) };
}

type Supervised = Managed & { spec: Spec; inARow: number };

function launch(entry: Supervised): void {
  const { spec } = entry;
  // Its own process group: tsx and next start run the real program as a child; stopping the group stops both.
  const child = spawn(spec.command, spec.args, { env: lifelineEnv(spec.env), stdio: ["ignore", "pipe", "pipe"], detached: true });
  const prefix = (chunk: Buffer) => chunk.toString().split("\n").filter(Boolean).map((l) => `[${spec.name}] ${l}`).join("\n") + "\n";
  if (!spec.quiet) child.stdout?.on("data", (c: Buffer) => process.stdout.write(prefix(c)));
  else child.stdout?.resume();
  child.stderr?.on("data", (c: Buffer) => process.stderr.write(prefix(c)));
  entry.child = child;
  const startedAt = Date.now();
  child.on("exit", (code, signal) => {
    if (stopping || !spec.restart || running.get(spec.name) !== entry || entry.child !== child) return;
    if (Date.now() - startedAt > 60_000) entry.inARow = 0;
    const delay = restartDelayMs(entry.inARow);
    console.error(`[supervisor] ${spec.name} exited unexpectedly (${signal ?? `code ${code}`}); restart ${entry.restarts + 1} in ${delay / 1000} s`);
    setTimeout(() => {
      if (stopping || running.get(spec.name) !== entry) return;
      entry.restarts += 1;
      entry.inARow += 1;
      launch(entry);
    }, delay).unref();
  });
}

/** Starts a labelled child; with `restart`, one that exits while we are not stopping is started again (backoff). */
export function startProcess(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, opts: { quiet?: boolean; restart?: boolean } = {}): Managed {
  const spec = { name, command, args, env, quiet: opts.quiet ?? false, restart: opts.restart ?? false };
  const entry = { name, spec, restarts: 0, inARow: 0 } as Supervised;
  running.set(name, entry);
  launch(entry);
  return entry;
}

export function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function stopAll(): Promise<void> {
  stopping = true;
  const all = [...running.values()];
  running.clear();
  await Promise.all(
    all.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode) return resolve();
          child.once("exit", () => resolve());
          const signal = (sig: NodeJS.Signals) => { try { process.kill(-child.pid!, sig); } catch { child.kill(sig); } };
          signal("SIGTERM");
          setTimeout(() => { signal("SIGKILL"); resolve(); }, 5000).unref();
        }),
    ),
  );
}

export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}
