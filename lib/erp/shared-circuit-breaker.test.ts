// Two breakers on one row stand for two worker processes: what one learns about the ERP, the other knows at its
// next call; after the cool-down exactly one of them probes.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { ErpCircuitOpenError, ErpRetryableError } from "./errors.ts";
import { SharedCircuitBreaker } from "./shared-circuit-breaker.ts";

useFreshDatabase();

// A clock the test moves: nothing depends on how fast a busy machine runs the calls.
let now = 1_000_000;
const clock = () => now;
const down = () => Promise.reject(new ErpRetryableError("http", "503 maintenance", { status: 503 }));

describe("circuit breaker shared through PostgreSQL", () => {
  it("opens for every worker at once and lets exactly one probe through after the cool-down", async () => {
    const config = { failureThreshold: 5, coolDownMs: 400 };
    const workerA = new SharedCircuitBreaker("test-erp", config, 0, clock);
    const workerB = new SharedCircuitBreaker("test-erp", config, 0, clock);
    for (let i = 0; i < 5; i++) await expect(workerA.run(down)).rejects.toBeInstanceOf(ErpRetryableError);
    expect((await getDb().erpCircuit.findUniqueOrThrow({ where: { name: "test-erp" } })).state).toMatchObject({ status: "open" });

    // Worker B never saw a failure itself, yet does not call the ERP.
    let calls = 0;
    await expect(workerB.run(async () => { calls++; return "ok"; })).rejects.toBeInstanceOf(ErpCircuitOpenError);
    expect(calls).toBe(0);

    now += 450;
    let release!: () => void;
    const slowProbe = new Promise<string>((r) => { release = () => r("ok"); });
    const probing = workerA.run(async () => { calls++; return slowProbe; });
    const state = async () => ((await getDb().erpCircuit.findUniqueOrThrow({ where: { name: "test-erp" } })).state as { status: string }).status;
    for (let i = 0; i < 200 && (await state()) !== "half_open"; i++) await new Promise((r) => setTimeout(r, 25));
    // While A's probe is in flight, B is refused: one probe at a time across workers.
    await expect(workerB.run(async () => { calls++; return "ok"; })).rejects.toBeInstanceOf(ErpCircuitOpenError);
    release();
    await expect(probing).resolves.toBe("ok");
    expect(calls).toBe(1);
    // The probe's success closed the circuit for B too.
    await expect(workerB.run(async () => { calls++; return "ok"; })).resolves.toBe("ok");
    expect(calls).toBe(2);
  });

  it("a failed probe opens it again for everyone", async () => {
    const config = { failureThreshold: 5, coolDownMs: 300 };
    const workerA = new SharedCircuitBreaker("test-erp-2", config, 0, clock);
    const workerB = new SharedCircuitBreaker("test-erp-2", config, 0, clock);
    for (let i = 0; i < 5; i++) await expect(workerA.run(down)).rejects.toBeInstanceOf(ErpRetryableError);
    now += 350;
    await expect(workerB.run(down)).rejects.toBeInstanceOf(ErpRetryableError); // B wins the probe, which fails
    await expect(workerA.run(async () => "ok")).rejects.toBeInstanceOf(ErpCircuitOpenError);
  });
});
