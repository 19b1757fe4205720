// Supervision with real processes: a child that dies is started again with backoff, and a family whose parent
// is SIGKILLed (no clean-up runs) leaves no process behind — neither Node children nor PostgreSQL.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { describe, expect, it } from "vitest";
import { restartDelayMs, startProcess, stopAll } from "./processes.ts";

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) { if (check()) return true; await new Promise((r) => setTimeout(r, 100)); }
  return check();
}

describe("supervised child processes", () => {
  it("backs off 1, 2, 4 … 30 s between restarts", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(restartDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it("restarts a child that exits unexpectedly, and not after stopAll", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cashline-sup-")), "starts");
    const managed = startProcess("crasher", process.execPath, ["-e", `require("fs").appendFileSync(${JSON.stringify(file)}, "x"); process.exit(3)`], process.env, { restart: true, quiet: true });
    const starts = () => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").length : 0);
    expect(await until(() => starts() >= 3, 10_000)).toBe(true); // first start, then after 1 s and 2 s
    expect(managed.restarts).toBeGreaterThanOrEqual(2);
    await stopAll();
    const after = starts();
    await new Promise((r) => setTimeout(r, 4500));
    expect(starts()).toBe(after);
  }, 30_000);

  it("leaves no process behind when the parent is SIGKILLed", async () => {
    const tsx = path.resolve(import.meta.dirname, "../../node_modules/.bin/tsx");
    const parent = spawn(tsx, [path.join(import.meta.dirname, "testing/family-under-test.ts")], { stdio: ["ignore", "pipe", "inherit"] });
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: parent.stdout! }).once("line", resolve);
      parent.once("exit", (c) => reject(new Error(`family exited early (${c})`)));
    });
    const { pgPid, childPid, dataDir } = JSON.parse(line) as { pgPid: number; childPid: number; dataDir: string };
    expect(alive(pgPid) && alive(childPid)).toBe(true);
    // tsx runs the script in a node child of its own: kill that whole family's head hard.
    const nodePids = fs.readFileSync(`/proc/${parent.pid}/task/${parent.pid}/children`, "utf8").trim().split(/\s+/).map(Number);
    for (const pid of [...nodePids, parent.pid!]) { try { process.kill(pid, "SIGKILL"); } catch { /* gone */ } }
    expect(await until(() => !alive(childPid), 5000)).toBe(true);
    expect(await until(() => !alive(pgPid), 10_000)).toBe(true);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});
