// Optional statePath: the account survives a restart — the book in `statePath` (rewritten after every committed
// write: temporary file, then rename) and the generated credentials beside it in `<statePath>.credentials.json`
// (mode 0600), so a connection stored with the simulator's keys keeps working after a restart.
import fs from "node:fs";
import path from "node:path";
import type { M2mClient, TbaCredential } from "./auth.ts";
import type { NetsuiteSimCredentials } from "./credentials.ts";
import { emptyState, type NsState } from "./state.ts";

export type GeneratedCredentials = { m2mClient: M2mClient; tba: TbaCredential; credentials: NetsuiteSimCredentials };

function writeAtomic(file: string, text: string, mode = 0o644): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode });
  fs.renameSync(tmp, file);
}

export function loadState(file: string): NsState {
  if (!fs.existsSync(file)) return emptyState();
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<NsState>;
  if (typeof parsed.nextId !== "number" || !Array.isArray(parsed.payments) || !Array.isArray(parsed.invoices)) throw new Error(`${file} is not a NetSuite simulator state file`);
  return { ...emptyState(), ...parsed } as NsState;
}

export const saveState = (file: string, state: NsState) => writeAtomic(file, JSON.stringify(state));

export function loadOrCreateCredentials(file: string | undefined, create: () => GeneratedCredentials): GeneratedCredentials {
  const credFile = file && `${file}.credentials.json`;
  if (credFile && fs.existsSync(credFile)) return JSON.parse(fs.readFileSync(credFile, "utf8")) as GeneratedCredentials;
  const generated = create();
  if (credFile) writeAtomic(credFile, JSON.stringify(generated), 0o600);
  return generated;
}
