// A process like `npm run demo` in miniature, for processes.test.ts: a throwaway PostgreSQL and a supervised Node
// child. Prints the pids as one JSON line, then waits to be killed.
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { startLocalPostgres } from "../../../lib/db/local-postgres.ts";
import { startProcess } from "../processes.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-family-"));
const server = await startLocalPostgres({ dataDir: path.join(dir, "pg"), fresh: true });
const pgPid = Number(fs.readFileSync(path.join(server.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
const child = startProcess("sleeper", process.execPath, ["-e", "setInterval(() => {}, 1000)"], process.env, { restart: true });
console.log(JSON.stringify({ pgPid, childPid: child.child.pid, dataDir: server.dataDir }));
setInterval(() => {}, 1000);
