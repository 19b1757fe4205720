// The circuit breaker shared by every worker through one PostgreSQL row (ErpCircuit), on the same pure
// transitions as the in-process breaker (circuit-breaker.ts). Each process counts its own failures while the
// circuit is closed (a closed circuit costs no database round trip per call: the row is re-read at most every
// `refreshMs`); when a process's count opens it, it writes the open state to the row, and every other worker
// sees the ERP as down at its next call. After the cool-down exactly one worker wins the half-open probe (a
// row lock decides); its outcome closes the circuit for all, or opens it again.
import { db } from "../db/client.ts";
import { canAttempt, DEFAULT_BREAKER_CONFIG, initialBreakerState, onFailure, onSuccess, type BreakerConfig, type BreakerState, type ErpCallGate } from "./circuit-breaker.ts";
import { ErpCircuitOpenError, ErpPermanentError } from "./errors.ts";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

export class SharedCircuitBreaker implements ErpCallGate {
  readonly config: BreakerConfig;
  private local: BreakerState = initialBreakerState();
  private cached: { state: BreakerState; readAt: number } | null = null;

  constructor(
    readonly name: string,
    config: Partial<BreakerConfig> = {},
    private readonly refreshMs = 500,
    private readonly clock: () => number = Date.now,
  ) {
    this.config = { ...DEFAULT_BREAKER_CONFIG, ...config };
  }

  /** The shared state as this process last read it (at most `refreshMs` old). */
  async sharedState(): Promise<BreakerState> {
    const now = this.clock();
    if (this.cached && now - this.cached.readAt < this.refreshMs) return this.cached.state;
    const row = await db.erpCircuit.findUnique({ where: { name: this.name }, select: { state: true } });
    const state = (row?.state as BreakerState | undefined) ?? initialBreakerState();
    this.cached = { state, readAt: now };
    return state;
  }

  /** Reads the row under a lock, applies a transition, writes it back: the one place the shared state changes. */
  private async transition<T>(change: (state: BreakerState, now: number) => { state: BreakerState; result: T }): Promise<T> {
    return db.$transaction(async (tx: Tx) => {
      await tx.$executeRaw`insert into "ErpCircuit" (name, state) values (${this.name}, ${JSON.stringify(initialBreakerState())}::jsonb) on conflict (name) do nothing`;
      const [row] = await tx.$queryRaw<{ state: BreakerState }[]>`select state from "ErpCircuit" where name = ${this.name} for update`;
      const now = this.clock();
      const { state, result } = change(row!.state, now);
      if (JSON.stringify(state) !== JSON.stringify(row!.state)) {
        await tx.$executeRaw`update "ErpCircuit" set state = ${JSON.stringify(state)}::jsonb, "updatedAt" = now() where name = ${this.name}`;
      }
      this.cached = { state, readAt: now };
      return result;
    });
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    let probe = false;
    if ((await this.sharedState()).status !== "closed") {
      const decision = await this.transition((state, now) => {
        const d = canAttempt(state, now, this.config);
        return { state: d.state, result: d };
      });
      if (!decision.allowed) throw new ErpCircuitOpenError(decision.retryAt, this.clock());
      probe = decision.probe;
    }
    try {
      const result = await call();
      await this.answered(probe);
      return result;
    } catch (e) {
      if (e instanceof ErpPermanentError) await this.answered(probe);
      else await this.failed(probe, (e as { retryAfterMs?: number }).retryAfterMs);
      throw e;
    }
  }

  /** The ERP answered: a successful probe closes the circuit for every worker. */
  private async answered(probe: boolean): Promise<void> {
    this.local = onSuccess(this.local, this.clock());
    if (probe) await this.transition((state, now) => ({ state: onSuccess(state, now), result: undefined }));
  }

  private async failed(probe: boolean, retryAfterMs: number | undefined): Promise<void> {
    if (probe) {
      await this.transition((state, now) => ({ state: onFailure(state, now, retryAfterMs, this.config), result: undefined }));
      return;
    }
    this.local = onFailure(this.local, this.clock(), retryAfterMs, this.config);
    if (this.local.status !== "open") return;
    const opened = this.local;
    // This process's count opened the circuit: tell every worker (an already open circuit keeps the later retry).
    await this.transition((state) => ({
      state: state.status === "closed" ? opened : { ...state, retryAt: Math.max(state.retryAt ?? 0, opened.retryAt ?? 0) },
      result: undefined,
    }));
    this.local = initialBreakerState();
  }
}
