// Secrets the demo needs (session signing, webhook signing, …) are generated once per data folder and kept in
// private files there, so no two installations share one and a restart keeps sessions and signatures valid.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./database.ts";

export function dataFolderSecret(name: string, generate: () => string = () => crypto.randomBytes(32).toString("hex")): string {
  const file = path.join(PROJECT_ROOT, ".data", name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, generate(), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}
