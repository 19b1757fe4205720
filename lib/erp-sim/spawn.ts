// Runs the simulator as a real separate process (`npx tsx scripts/erp-sim.ts`), as the reliability tests and
// demo need: its own event loop, its own sockets, killed like a real ERP outage would be.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { waitForSim } from "./sim-control.ts";
import type { ErpKind } from "../erp/adapter.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export type SpawnedErpSim = { url: string; port: number; child: ChildProcess; output: () => string; stop(): Promise<void> };

export async function spawnErpSim(opts: { kind?: ErpKind; port?: number; seed?: number; statePath?: string; timeoutMs?: number } = {}): Promise<SpawnedErpSim> {
  const port = opts.port ?? (await freePort());
  const args = ["tsx", "scripts/erp-sim.ts", "--kind", opts.kind ?? "oracle", "--port", String(port)];
  if (opts.seed !== undefined) args.push("--seed", String(opts.seed));
  if (opts.statePath) args.push("--state", opts.statePath);
  // Own process group, so stop() ends npx, tsx and the node it starts together, and nothing else.
  const child = spawn("npx", args, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  // Keep only the tail of its output (one log line per request adds up), for error messages and tests.
  let output = "";
  const keep = (c: Buffer) => { output = (output + c.toString()).slice(-64_000); };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // npx exits before the node process it started has closed its server: stopped = npx gone and port closed.
  // (Polling the process group instead would wait on zombies that a container's init reaps slowly.)
  const listening = () => fetch(`${url}/__sim/health`).then(() => true, () => false);
  const stop = async () => {
    if (!child.pid) return;
    try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ }
    const deadline = Date.now() + 5000;
    while ((child.exitCode === null && child.signalCode === null) || (await listening())) {
      if (Date.now() > deadline) {
        try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ }
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    await exited;
  };
  try {
    await Promise.race([
      waitForSim(url, opts.timeoutMs ?? 30_000),
      exited.then(() => { throw new Error(`erp-sim exited before listening:\n${output}`); }),
    ]);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, port, child, output: () => output, stop };
}
