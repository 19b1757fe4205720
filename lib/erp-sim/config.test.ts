import { describe, expect, it } from "vitest";
import { parseErpSimConfig } from "./config.ts";

describe("erp-sim configuration", () => {
  it("defaults, environment, and flags over environment", () => {
    expect(parseErpSimConfig([], {})).toEqual({ kind: "oracle", port: 4010, host: "127.0.0.1", seed: 1 });
    expect(parseErpSimConfig(["--kind", "sap"], { ERP_SIM_KIND: "bc" })).toMatchObject({ kind: "sap" });
    expect(parseErpSimConfig([], { ERP_SIM_KIND: "netsuite" })).toMatchObject({ kind: "netsuite" });
    expect(parseErpSimConfig([], { ERP_SIM_PORT: "4100", ERP_SIM_SEED: "9", ERP_SIM_STATE: "/tmp/s.json" })).toMatchObject({ port: 4100, seed: 9, state: "/tmp/s.json" });
    expect(parseErpSimConfig(["--port", "4200"], { ERP_SIM_PORT: "4100" })).toMatchObject({ port: 4200 });
    expect(parseErpSimConfig(["--help"], {})).toEqual({ help: true });
  });

  it("refuses bad values and unknown flags", () => {
    expect(() => parseErpSimConfig(["--port", "abc"], {})).toThrow(/invalid --port/);
    expect(() => parseErpSimConfig([], { ERP_SIM_PORT: "99999" })).toThrow(/invalid --port/);
    expect(() => parseErpSimConfig(["--seed", "1.5"], {})).toThrow(/invalid --seed/);
    expect(() => parseErpSimConfig(["--verbose"], {})).toThrow(/Unknown option/);
    expect(() => parseErpSimConfig(["--kind", "dynamics"], {})).toThrow(/invalid --kind/);
  });
});
