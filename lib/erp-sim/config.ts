// Command line and environment of `npm run erp-sim`, validated with zod. Flags win over the environment.
import { parseArgs } from "node:util";
import { z } from "zod";
import { ERP_KINDS } from "../erp/adapter.ts";

const schema = z.strictObject({
  kind: z.enum(ERP_KINDS).default("oracle"),
  port: z.coerce.number().int().min(0).max(65_535).default(4010),
  host: z.string().min(1).default("127.0.0.1"),
  seed: z.coerce.number().int().default(1),
  state: z.string().min(1).optional(),
});
export type ErpSimConfig = z.infer<typeof schema>;

export const USAGE = `usage: npm run erp-sim -- [--kind oracle|sap|bc|netsuite] [--port N] [--host H] [--seed N] [--state FILE]
  --kind   which ERP to simulate (default oracle; env ERP_SIM_KIND)
  --port   listen port (default 4010; env ERP_SIM_PORT; 0 = any free port)
  --host   listen address (default 127.0.0.1; env ERP_SIM_HOST)
  --seed   seed of the fault RNG, for reproducible runs (default 1; env ERP_SIM_SEED)
  --state  JSON file keeping the ledger across restarts (env ERP_SIM_STATE)`;

export function parseErpSimConfig(argv: string[], env: Record<string, string | undefined>): ErpSimConfig | { help: true } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { kind: { type: "string" }, port: { type: "string" }, host: { type: "string" }, seed: { type: "string" }, state: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
    }));
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${USAGE}`);
  }
  if (values.help) return { help: true };
  const raw = {
    kind: values.kind ?? env.ERP_SIM_KIND,
    port: values.port ?? env.ERP_SIM_PORT,
    host: values.host ?? env.ERP_SIM_HOST,
    seed: values.seed ?? env.ERP_SIM_SEED,
    state: values.state ?? env.ERP_SIM_STATE,
  };
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid --${issue?.path.join(".")}: ${issue?.message}\n${USAGE}`);
  }
  return parsed.data;
}
