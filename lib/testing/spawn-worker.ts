// Starts `jobs/worker.ts` as a real separate process (node + tsx, no npx in between, so SIGKILL hits the worker
// itself) and resolves once it logs worker.ready.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type SpawnedWorker = { child: ChildProcess; output: () => string; kill: (signal?: NodeJS.Signals) => Promise<void> };

export async function spawnWorker(env: Record<string, string>, timeoutMs = 60_000): Promise<SpawnedWorker> {
  const child = spawn(process.execPath, ["--import", "tsx", "jobs/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (c: Buffer) => { output = (output + c.toString()).slice(-200_000); };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const kill = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  };
  const deadline = Date.now() + timeoutMs;
  while (!output.includes("worker.ready")) {
    if (child.exitCode !== null) throw new Error(`worker exited before it was ready:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) { await kill("SIGKILL"); throw new Error(`worker not ready in ${timeoutMs} ms:\n${output.slice(-4000)}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => output, kill };
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
