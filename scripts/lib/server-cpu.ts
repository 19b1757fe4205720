// CPU seconds used so far by a local PostgreSQL server (the postmaster, its live processes, and the ones that
// exited), from /proc: on a shared machine CPU time varies far less than wall time, so the benchmarks print both.
// Linux only; elsewhere null.
import fs from "node:fs";

const TICKS_PER_S = 100;

function stat(pid: number): string[] | null {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  } catch {
    return null;
  }
}

/** utime + stime of the process tree under `postmasterPid` (exited children count through cutime/cstime). */
export function serverCpuSeconds(postmasterPid: number): number | null {
  const root = stat(postmasterPid);
  if (!root) return null;
  let ticks = Number(root[11]) + Number(root[12]) + Number(root[13]) + Number(root[14]);
  for (const name of fs.readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === postmasterPid) continue;
    const s = stat(pid);
    if (s && Number(s[1]) === postmasterPid) ticks += Number(s[11]) + Number(s[12]);
  }
  return ticks / TICKS_PER_S;
}

/** The postmaster's pid from the data folder's postmaster.pid. */
export function postmasterPid(dataDir: string): number | null {
  try {
    return Number(fs.readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]);
  } catch {
    return null;
  }
}
