// `npm run erp-sim -- --kind oracle|sap|bc|netsuite`: a local ERP simulator (the vendor's API with injectable
// faults) as its own process, the kind's simulator taken from lib/erp-sim/kinds.ts.
// One JSON log line per request on stdout; the first line announces the URL (tests wait for it).
import { parseErpSimConfig, USAGE } from "../lib/erp-sim/config.ts";
import { erpSimKind, type ErpSimKind } from "../lib/erp-sim/kinds.ts";

let config;
try {
  config = parseErpSimConfig(process.argv.slice(2), process.env);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
if ("help" in config) {
  console.log(USAGE);
  process.exit(0);
}
let simKind: ErpSimKind;
try {
  simKind = erpSimKind(config.kind);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}

const line = (fields: Record<string, unknown>) => process.stdout.write(JSON.stringify({ t: new Date().toISOString(), ...fields }) + "\n");
const sim = await simKind.start({
  port: config.port, host: config.host, seed: config.seed, statePath: config.state,
  log: (entry) => line({ msg: "erp-sim request", ...entry }),
});
line({ msg: "erp-sim listening", kind: config.kind, url: sim.url, port: sim.port, seed: config.seed, state: config.state ?? null });

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
