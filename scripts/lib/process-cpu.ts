// CPU seconds used so far by a process and all its descendants (Linux /proc; children that already exited are
// counted through their parent's cutime/cstime). For benchmarks: where the machine's two cores went.
import fs from "node:fs";

const TICK = 100; // USER_HZ on Linux

function stat(pid: number): { ppid: number; ticks: number; childTicks: number } | null {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), childTicks: Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}

export function treeCpuSeconds(root: number): number {
  const parents = new Map<number, number>();
  for (const name of fs.readdirSync("/proc")) {
    const pid = Number(name);
    if (!pid) continue;
    const s = stat(pid);
    if (s) parents.set(pid, s.ppid);
  }
  const inTree = (pid: number) => { for (let p = pid; p > 1; p = parents.get(p) ?? 0) if (p === root) return true; return false; };
  let ticks = 0;
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    const s = stat(pid);
    if (s) ticks += s.ticks + (pid === root ? s.childTicks : 0);
  }
  return ticks / TICK;
}

/** The pid of the PostgreSQL server running on a data folder (from its postmaster.pid). */
export function postmasterPid(dataDir: string): number | null {
  try {
    return Number(fs.readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]) || null;
  } catch {
    return null;
  }
}
