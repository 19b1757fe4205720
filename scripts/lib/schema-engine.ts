// Prisma's schema engine, as WebAssembly (@prisma/schema-engine-wasm), driven through @prisma/adapter-pg.
// The Prisma CLI's own migrate commands need a native engine it downloads at run time, which is not
// possible offline; the WebAssembly build diffs schemas the same way.
import fs from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const pkgDir = new URL("../../node_modules/@prisma/schema-engine-wasm/", import.meta.url);

type Engine = { diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }> };

async function loadEngine(databaseUrl: string): Promise<Engine> {
  const bg = await import(new URL("schema_engine_bg.js", pkgDir).href);
  const module = await WebAssembly.compile(fs.readFileSync(new URL("schema_engine_bg.wasm", pkgDir)));
  const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  return bg.SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
}

/** SQL that turns a database shaped like `fromSchema` (or empty, when null) into one shaped like `toSchema`. */
export async function diffSchemas(databaseUrl: string, fromSchema: string | null, toSchema: string): Promise<string> {
  const engine = await loadEngine(databaseUrl);
  const target = (content: string) => ({ tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] });
  const result = await engine.diff({
    from: fromSchema === null ? { tag: "empty" } : target(fromSchema),
    to: target(toSchema),
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout ?? "";
}
